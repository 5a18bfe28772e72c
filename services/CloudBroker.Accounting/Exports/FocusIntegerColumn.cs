using Parquet;
using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>A 32-bit integer column (an extension: FOCUS's own columns are strings, decimals and times).</summary>
public sealed class FocusIntegerColumn(string name, Func<FocusRow, int> value) : FocusColumn(name, nullable: false)
{
    private readonly DataField _field = new DataField<int>(name, false);

    public override string FocusType => "Integer";

    public override DataField Field => _field;

    internal override async Task WriteAsync(ParquetRowGroupWriter group, ReadOnlyMemory<FocusRow> rows, CancellationToken cancellationToken)
    {
        var values = new int[rows.Length];
        var span = rows.Span;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(span[i]);
        }

        await group.WriteAsync<int>(_field, values, cancellationToken: cancellationToken);
    }

    internal override void WriteCsv(CsvFieldWriter csv, FocusRow row) => csv.Integer(value(row));
}
