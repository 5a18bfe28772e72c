using System.Text;
using Parquet;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Writes one pass of rows to both formats at once: each row goes to the CSV at once and into the Parquet row group
/// being filled, written out when full, so memory holds one row group whatever the row count. Nothing of the moment
/// of writing enters either file: the same rows give the same bytes.
/// </summary>
public sealed class FocusFileWriter : IAsyncDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
    private readonly ParquetWriter _parquet;
    private readonly StreamWriter _csvText;
    private readonly CsvFieldWriter _csv;
    private readonly FocusRow[] _group;
    private int _filled;
    private bool _completed;

    private FocusFileWriter(ParquetWriter parquet, StreamWriter csvText, int rowGroupSize)
    {
        _parquet = parquet;
        _csvText = csvText;
        _csv = new CsvFieldWriter(csvText);
        _group = new FocusRow[rowGroupSize];
    }

    public long Rows { get; private set; }

    /// <summary>Starts both files: the CSV with a byte-order mark (spreadsheets then read it as UTF-8) and its header row.</summary>
    public static async Task<FocusFileWriter> CreateAsync(Stream parquet, Stream csv, int rowGroupSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        var writer = await ParquetWriter.CreateAsync(FocusSchema.Parquet, parquet, options, cancellationToken: cancellationToken);
        var text = new StreamWriter(csv, Utf8, bufferSize: 1 << 16, leaveOpen: true);
        var file = new FocusFileWriter(writer, text, rowGroupSize);
        foreach (var column in FocusSchema.Columns)
        {
            file._csv.Text(column.Name);
        }

        file._csv.EndRecord();
        return file;
    }

    public async ValueTask AddAsync(FocusRow row, CancellationToken cancellationToken)
    {
        foreach (var column in FocusSchema.Columns)
        {
            column.WriteCsv(_csv, row);
        }

        _csv.EndRecord();
        _group[_filled++] = row;
        Rows++;
        if (_filled == _group.Length)
        {
            await FlushGroupAsync(cancellationToken);
        }
    }

    /// <summary>Writes what is left and ends both files.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0 || Rows == 0)
        {
            await FlushGroupAsync(cancellationToken);
        }

        await _parquet.DisposeAsync(); // writes the footer
        _completed = true;
        await _csvText.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _parquet.DisposeAsync();
        }

        await _csvText.DisposeAsync();
    }

    private async Task FlushGroupAsync(CancellationToken cancellationToken)
    {
        using (var group = _parquet.CreateRowGroup())
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
