using System.Text;
using Parquet;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Writes one pass of rows to both formats at once: each row goes to the CSV at once and into the Parquet row group
/// being filled, written out when full, so memory holds one row group whatever the row count. Nothing of the moment
/// of writing enters either file: the same rows give the same bytes. A format given no stream is skipped (the benchmark
/// measures each alone).
/// </summary>
public sealed class FocusFileWriter : IAsyncDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
    private readonly ParquetWriter? _parquet;
    private readonly StreamWriter? _csvText;
    private readonly CsvFieldWriter? _csv;
    private readonly FocusRow[] _group;
    private int _filled;
    private bool _completed;

    private FocusFileWriter(ParquetWriter? parquet, StreamWriter? csvText, int rowGroupSize)
    {
        _parquet = parquet;
        _csvText = csvText;
        _csv = csvText is null ? null : new CsvFieldWriter(csvText);
        _group = new FocusRow[rowGroupSize];
    }

    public long Rows { get; private set; }

    /// <summary>Starts both files: the CSV with a byte-order mark (spreadsheets then read it as UTF-8) and its header row.</summary>
    public static async Task<FocusFileWriter> CreateAsync(Stream? parquet, Stream? csv, int rowGroupSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        var writer = parquet is null ? null : await ParquetWriter.CreateAsync(FocusSchema.Parquet, parquet, options, cancellationToken: cancellationToken);
        var text = csv is null ? null : new StreamWriter(csv, Utf8, bufferSize: 1 << 16, leaveOpen: true);
        var file = new FocusFileWriter(writer, text, rowGroupSize);
        if (file._csv is { } header)
        {
            foreach (var column in FocusSchema.Columns)
            {
                header.Text(column.Name);
            }

            header.EndRecord();
        }

        return file;
    }

    public async ValueTask AddAsync(FocusRow row, CancellationToken cancellationToken)
    {
        if (_csv is { } csv)
        {
            foreach (var column in FocusSchema.Columns)
            {
                column.WriteCsv(csv, row);
            }

            csv.EndRecord();
        }

        Rows++;
        if (_parquet is null)
        {
            return;
        }

        _group[_filled++] = row;
        if (_filled == _group.Length)
        {
            await FlushGroupAsync(cancellationToken);
        }
    }

    /// <summary>Writes what is left and ends both files.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_parquet is not null)
        {
            if (_filled > 0 || Rows == 0)
            {
                await FlushGroupAsync(cancellationToken);
            }

            await _parquet.DisposeAsync(); // writes the footer
        }

        _completed = true;
        if (_csvText is not null)
        {
            await _csvText.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed && _parquet is not null)
        {
            await _parquet.DisposeAsync();
        }

        if (_csvText is not null)
        {
            await _csvText.DisposeAsync();
        }
    }

    private async Task FlushGroupAsync(CancellationToken cancellationToken)
    {
        using (var group = _parquet!.CreateRowGroup())
        {
            var rows = new ReadOnlyMemory<FocusRow>(_group, 0, _filled);
            foreach (var column in FocusSchema.Columns)
            {
                await column.WriteAsync(group, rows, cancellationToken);
            }
        }

        Array.Clear(_group, 0, _filled);
        _filled = 0;
    }
}
