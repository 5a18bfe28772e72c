using Parquet;
using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>A 32-bit integer column (an extension: FOCUS's own columns are strings, decimals and times).</summary>
public sealed class FocusIntegerColumn(string name, Func<FocusRow, int> value) : FocusColumn(name, nullable: false)
{
    private readonly Func<FocusRow, int> _value = value;
    private readonly DataField _field = new DataField<int>(name, false);

    public override string FocusType => "Integer";

    public override DataField Field => _field;

    internal override FocusColumnBuffer CreateBuffer(int capacity) => new Buffer(this, capacity);

    internal override void WriteCsv(CsvFieldWriter csv, FocusRow row) => csv.Integer(_value(row));

    private sealed class Buffer(FocusIntegerColumn column, int capacity) : FocusColumnBuffer
    {
        private readonly ColumnValues<int> _values = new(capacity, nullable: false);

        public override void Add(FocusRow row) => _values.Add(column._value(row));

        public override async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
        {
            await group.WriteAllPartsAsync(column._field, _values.Values, null, null, cancellationToken);
            _values.Clear();
        }
    }
}
