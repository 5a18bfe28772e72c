using Parquet;
using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>A UTC date/time column: a Parquet timestamp adjusted to UTC; in CSV <c>YYYY-MM-DDTHH:mm:ssZ</c>.</summary>
public sealed class FocusTimeColumn(string name, Func<FocusRow, DateTime> value) : FocusColumn(name, nullable: false)
{
    private readonly Func<FocusRow, DateTime> _value = value;
    private readonly DataField _field = new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false);

    public override string FocusType => "Date/Time";

    public override DataField Field => _field;

    internal override FocusColumnBuffer CreateBuffer(int capacity) => new Buffer(this, capacity);

    internal override void WriteCsv(CsvFieldWriter csv, FocusRow row) => csv.Time(_value(row));

    private sealed class Buffer(FocusTimeColumn column, int capacity) : FocusColumnBuffer
    {
        private readonly ColumnValues<DateTime> _values = new(capacity, nullable: false);

        public override void Add(FocusRow row) => _values.Add(DateTime.SpecifyKind(column._value(row), DateTimeKind.Utc));

        public override async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
        {
            await group.WriteAllPartsAsync(column._field, _values.Values, null, null, cancellationToken);
            _values.Clear();
        }
    }
}
