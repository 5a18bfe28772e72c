using System.Runtime.CompilerServices;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// A row group's values of one column in the shape Parquet stores them: the non-null values packed, and for a nullable
/// column one definition level per row (1 present, 0 null: a top-level optional field's levels). Arrays made once for
/// the largest group and reused.
/// </summary>
internal sealed class ColumnValues<T>(int capacity, bool nullable)
{
    private readonly T[] _values = new T[capacity];
    private readonly int[]? _levels = nullable ? new int[capacity] : null;
    private int _rows;
    private int _count;

    public ReadOnlyMemory<T> Values => _values.AsMemory(0, _count);

    /// <summary>The definition levels of a nullable column; null for a required one (Parquet stores none).</summary>
    public ReadOnlyMemory<int>? Levels => _levels?.AsMemory(0, _rows);

    public void Add(T value)
    {
        if (_levels is not null)
        {
            _levels[_rows] = 1;
        }

        _rows++;
        _values[_count++] = value;
    }

    public void AddNull()
    {
        _levels![_rows++] = 0;
    }

    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_values, 0, _count); // let the group's strings go
        }

        _rows = 0;
        _count = 0;
    }
}
