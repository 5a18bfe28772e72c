using Parquet;
using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>A UTC date/time column: a Parquet timestamp adjusted to UTC; in CSV <c>YYYY-MM-DDTHH:mm:ssZ</c>.</summary>
public sealed class FocusTimeColumn(string name, Func<FocusRow, DateTime> value) : FocusColumn(name, nullable: false)
{
    private readonly DataField _field = new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false);

    public override string FocusType => "Date/Time";

    public override DataField Field => _field;

    internal override async Task WriteAsync(ParquetRowGroupWriter group, ReadOnlyMemory<FocusRow> rows, CancellationToken cancellationToken)
    {
        var values = new DateTime[rows.Length];
        var span = rows.Span;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = DateTime.SpecifyKind(value(span[i]), DateTimeKind.Utc);
        }

        await group.WriteAsync<DateTime>(_field, values, cancellationToken: cancellationToken);
    }

    internal override void WriteCsv(CsvFieldWriter csv, FocusRow row) => csv.Time(value(row));
}
