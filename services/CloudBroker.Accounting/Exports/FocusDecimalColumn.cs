using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// A decimal column, <c>DECIMAL(38, 28)</c>: every digit a .NET decimal below 10^10 can hold, so the ledger's amounts
/// are written exactly (no rounding, and the sums a reader computes are the ledger's). The ledger keeps every digit
/// rating gave (a third of an hour has 28), so no smaller scale would do.
/// </summary>
/// <remarks>
/// Parquet stores such a decimal as its unscaled integer (value × 10^28) in 16 big-endian bytes. Parquet.Net's own
/// conversion from <see cref="decimal"/> raises 10 to the 28th in arbitrary precision for every value; this column
/// scales the decimal's 96-bit mantissa in 128-bit arithmetic (<see cref="Units"/>) and hands Parquet.Net the integer
/// ready made, which encodes to the same bytes.
/// </remarks>
public sealed class FocusDecimalColumn(string name, bool nullable, Func<FocusRow, decimal?> value) : FocusColumn(name, nullable)
{
    public const int Precision = 38;

    public const int Scale = 28;

    /// <summary>The largest magnitude the column holds (exclusive): 10 digits before the point.</summary>
    public const decimal Limit = 10_000_000_000m;

    private static readonly UInt128[] PowersOfTen = [.. Enumerable.Range(0, Scale + 1).Select(e => UInt128.Parse("1" + new string('0', e), System.Globalization.CultureInfo.InvariantCulture))];

    private readonly Func<FocusRow, decimal?> _value = value;
    private readonly DataField _field = new BigDecimalDataField(name, Precision, Scale, isNullable: nullable);

    public override string FocusType => "Decimal";

    public override DataField Field => _field;

    /// <summary>
    /// The value in whole units of 10^-28, exactly: the 96-bit mantissa times 10^(28 − its scale). Below 10^10 the
    /// product stays below 10^38 &lt; 2^127, so it always fits.
    /// </summary>
    public static Int128 Units(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var units = checked((Int128)(mantissa * PowersOfTen[Scale - ((bits[3] >> 16) & 0xFF)]));
        return bits[3] < 0 ? -units : units;
    }

    internal override FocusColumnBuffer CreateBuffer(int capacity) => new Buffer(this, capacity);

    internal override void WriteCsv(CsvFieldWriter csv, FocusRow row) => csv.Number(Checked(_value(row)));

    private decimal? Checked(decimal? number) => number is { } n && Math.Abs(n) >= Limit
        ? throw new InvalidOperationException($"{Name} {n} is beyond what the export's DECIMAL({Precision}, {Scale}) holds (below 10^10)")
        : number;

    /// <summary>Keeps a group's values as 128-bit units (no object per value while the group fills); they become Parquet.Net's <see cref="BigDecimal"/> once the group is full, just before it is written.</summary>
    private sealed class Buffer(FocusDecimalColumn column, int capacity) : FocusColumnBuffer
    {
        private readonly ColumnValues<Int128> _values = new(capacity, column.Nullable);
        private readonly BigDecimal[] _encoded = new BigDecimal[capacity];

        public override void Add(FocusRow row)
        {
            if (column.Checked(column._value(row)) is { } number)
            {
                _values.Add(Units(number));
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

        public override void Prepare()
        {
            var units = _values.Values.Span;
            for (var i = 0; i < units.Length; i++)
            {
                _encoded[i] = new BigDecimal(units[i], Precision, Scale);
            }
        }

        public override async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
        {
            var count = _values.Values.Length;
            await group.WriteAllPartsAsync<BigDecimal>(column._field, _encoded.AsMemory(0, count), _values.Levels, null, cancellationToken);
            Array.Clear(_encoded, 0, count);
            _values.Clear();
        }
    }
}
