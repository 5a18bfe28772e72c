using Parquet;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Writes one pass of rows to both formats at once: each row goes to the CSV at once and into the columns of the
/// Parquet row group being filled, written out when full. Two sets of column buffers take turns: while one group is
/// encoded and written on another thread, the next fills (the two cores of a small machine both work), and memory
/// holds two groups' columns whatever the row count. Groups are still written one after another, in order, and nothing
/// of the moment of writing enters either file: the same rows give the same bytes. A format given no stream is skipped
/// (the benchmark measures each alone).
/// </summary>
public sealed class FocusFileWriter : IAsyncDisposable
{
    private readonly ParquetWriter? _parquet;
    private readonly CsvFieldWriter? _csv;
    private FocusColumnBuffer[] _filling;
    private FocusColumnBuffer[] _spare;
    private readonly int _rowGroupSize;
    private Task _writing = Task.CompletedTask;
    private int _filled;
    private bool _completed;

    private FocusFileWriter(ParquetWriter? parquet, Stream? csv, int rowGroupSize)
    {
        _parquet = parquet;
        _csv = csv is null ? null : new CsvFieldWriter(csv);
        _rowGroupSize = rowGroupSize;
        _filling = parquet is null ? [] : [.. FocusSchema.Columns.Select(c => c.CreateBuffer(rowGroupSize))];
        _spare = parquet is null ? [] : [.. FocusSchema.Columns.Select(c => c.CreateBuffer(rowGroupSize))];
    }

    public long Rows { get; private set; }

    /// <summary>Starts both files: the CSV with a byte-order mark (spreadsheets then read it as UTF-8) and its header row.</summary>
    public static async Task<FocusFileWriter> CreateAsync(Stream? parquet, Stream? csv, int rowGroupSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        foreach (var column in FocusSchema.Columns.OfType<FocusStringColumn>().Where(c => c.Dictionary))
        {
            options.ColumnEncodingHints[column.Name] = EncodingHint.Dictionary;
        }

        var writer = parquet is null ? null : await ParquetWriter.CreateAsync(FocusSchema.Parquet, parquet, options, cancellationToken: cancellationToken);
        var file = new FocusFileWriter(writer, csv, rowGroupSize);
        if (file._csv is { } header)
        {
            header.ByteOrderMark();
            foreach (var column in FocusSchema.Columns)
            {
                header.Text(column.Name);
            }

            header.EndRecord();
        }

        return file;
    }

    public ValueTask AddAsync(FocusRow row, CancellationToken cancellationToken)
    {
        Rows++;
        if (_csv is { } csv)
        {
            foreach (var column in FocusSchema.Columns)
            {
                column.WriteCsv(csv, row);
            }

            csv.EndRecord();
        }

        if (_parquet is null)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var column in _filling)
        {
            column.Add(row);
        }

        return ++_filled == _rowGroupSize ? new ValueTask(HandOverAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    /// <summary>Writes what is left and ends both files.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_parquet is not null)
        {
            if (_filled > 0 || Rows == 0)
            {
                await HandOverAsync(cancellationToken);
            }

            await _writing;
            await _parquet.DisposeAsync(); // writes the footer
        }

        _completed = true;
        if (_csv is not null)
        {
            await _csv.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed && _parquet is not null)
        {
            // The stream under it must outlive the group being written; its failure, if any, was the caller's to see.
            await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            await _parquet.DisposeAsync();
        }

        _csv?.Dispose();
    }

    /// <summary>Readies the full group, waits for the group before to be written, then writes the full one on another thread while the other buffers fill.</summary>
    private async Task HandOverAsync(CancellationToken cancellationToken)
    {
        foreach (var column in _filling)
        {
            column.Prepare();
        }

        await _writing;
        var full = _filling;
        (_filling, _spare) = (_spare, full);
        _filled = 0;
        _writing = Task.Run(() => WriteGroupAsync(full, cancellationToken), cancellationToken);
    }

    private async Task WriteGroupAsync(FocusColumnBuffer[] columns, CancellationToken cancellationToken)
    {
        using var group = _parquet!.CreateRowGroup();
        foreach (var column in columns)
        {
            await column.WriteAsync(group, cancellationToken);
        }
    }
}
