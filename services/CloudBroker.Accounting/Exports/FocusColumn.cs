using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// One column of the export: its FOCUS name, whether it may be null, its Parquet field, and how one row's value is
/// written to each format (gathered into a <see cref="FocusColumnBuffer"/> for a Parquet row group, a field at a time
/// to CSV).
/// </summary>
public abstract class FocusColumn(string name, bool nullable)
{
    public string Name { get; } = name;

    public bool Nullable { get; } = nullable;

    /// <summary>The FOCUS data type: <c>String</c>, <c>Decimal</c>, <c>Date/Time</c>, <c>JSON</c> or (an extension) <c>Integer</c>.</summary>
    public abstract string FocusType { get; }

    public abstract DataField Field { get; }

    /// <summary>A buffer for up to <paramref name="capacity"/> rows of this column, made once and reused by every row group.</summary>
    internal abstract FocusColumnBuffer CreateBuffer(int capacity);

    internal abstract void WriteCsv(CsvFieldWriter csv, FocusRow row);
}
