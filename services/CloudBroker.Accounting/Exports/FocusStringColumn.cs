using Parquet;
using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>A string column (a JSON column is a string holding a JSON object).</summary>
public sealed class FocusStringColumn(string name, bool nullable, Func<FocusRow, string?> value, string focusType = "String") : FocusColumn(name, nullable)
{
    private readonly DataField _field = new DataField<string>(name, nullable);

    public override string FocusType => focusType;

    public override DataField Field => _field;

    internal override async Task WriteAsync(ParquetRowGroupWriter group, ReadOnlyMemory<FocusRow> rows, CancellationToken cancellationToken)
    {
        var values = new string[rows.Length];
        var span = rows.Span;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(span[i]) ?? (Nullable ? null! : throw new InvalidOperationException($"{Name} may not be null"));
        }

        await group.WriteAsync(_field, values);
    }

    internal override void WriteCsv(CsvFieldWriter csv, FocusRow row) => csv.Text(value(row));
}
