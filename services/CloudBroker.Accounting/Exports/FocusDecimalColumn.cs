using Parquet;
using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// A decimal column, <c>DECIMAL(38, 28)</c>: every digit a .NET decimal below 10^10 can hold, so the ledger's amounts
/// are written exactly (no rounding, and the sums a reader computes are the ledger's).
/// </summary>
public sealed class FocusDecimalColumn(string name, bool nullable, Func<FocusRow, decimal?> value) : FocusColumn(name, nullable)
{
    public const int Precision = 38;

    public const int Scale = 28;

    /// <summary>The largest magnitude the column holds (exclusive): 10 digits before the point.</summary>
    public const decimal Limit = 10_000_000_000m;

    private readonly DataField _field = new DecimalDataField(name, Precision, Scale, forceByteArrayEncoding: true, isNullable: nullable);

    public override string FocusType => "Decimal";

    public override DataField Field => _field;

    internal override async Task WriteAsync(ParquetRowGroupWriter group, ReadOnlyMemory<FocusRow> rows, CancellationToken cancellationToken)
    {
        var span = rows.Span;
        if (Nullable)
        {
            var values = new decimal?[rows.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Checked(value(span[i]));
            }

            await group.WriteAsync<decimal>(_field, values, cancellationToken: cancellationToken);
        }
        else
        {
            var values = new decimal[rows.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Checked(value(span[i])) ?? throw new InvalidOperationException($"{Name} may not be null");
            }

            await group.WriteAsync<decimal>(_field, values, cancellationToken: cancellationToken);
        }
    }

    internal override void WriteCsv(CsvFieldWriter csv, FocusRow row) => csv.Number(Checked(value(row)));

    private decimal? Checked(decimal? number) => number is { } n && Math.Abs(n) >= Limit
        ? throw new InvalidOperationException($"{Name} {n} is beyond what the export's DECIMAL({Precision}, {Scale}) holds (below 10^10)")
        : number;
}
