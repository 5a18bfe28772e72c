using Parquet;
using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// A string column (a JSON column is a string holding a JSON object). Most columns repeat a few values (currency,
/// provider, SKU, region, the tenant's groups), so they are dictionary-encoded: each distinct value is stored and
/// compressed once per row group, not once per row. A column of ids unique to each row (<paramref name="dictionary"/>
/// false) is stored plain, as a dictionary would only be built to be thrown away.
/// </summary>
public sealed class FocusStringColumn(string name, bool nullable, Func<FocusRow, string?> value, string focusType = "String", bool dictionary = true)
    : FocusColumn(name, nullable)
{
    private readonly Func<FocusRow, string?> _value = value;
    private readonly DataField _field = new DataField<string>(name, nullable);

    public override string FocusType => focusType;

    public override DataField Field => _field;

    public bool Dictionary { get; } = dictionary;

    internal override FocusColumnBuffer CreateBuffer(int capacity) => new Buffer(this, capacity);

    internal override void WriteCsv(CsvFieldWriter csv, FocusRow row) => csv.Text(_value(row));

    /// <summary>
    /// Copies each value's characters into one reused array per column (grown to the largest group's text), so the
    /// strings a row was made of die young instead of being held — and promoted to the older generations the garbage
    /// collector scans slowly — until their group is written.
    /// </summary>
    private sealed class Buffer(FocusStringColumn column, int capacity) : FocusColumnBuffer
    {
        private readonly ColumnValues<ReadOnlyMemory<char>> _values = new(capacity, column.Nullable);
        private char[] _text = new char[capacity * 16];
        private int _used;

        public override void Add(FocusRow row)
        {
            if (column._value(row) is { } text)
            {
                if (_text.Length - _used < text.Length)
                {
                    // The values added so far keep the old array alive until the group is written; later groups fit.
                    _text = new char[Math.Max(_text.Length * 2, text.Length)];
                    _used = 0;
                }

                text.CopyTo(_text.AsSpan(_used));
                _values.Add(_text.AsMemory(_used, text.Length));
                _used += text.Length;
            }
            else if (column.Nullable)
            {
                _values.AddNull();
            }
            else
            {
                throw new InvalidOperationException($"{column.Name} may not be null");
            }
        }

        public override async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
        {
            await group.WriteAllPartsAsync(column._field, _values.Values, _values.Levels, null, cancellationToken);
            _values.Clear();
            _used = 0;
        }
    }
}
