using Parquet;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// One column's values of the row group being filled, copied out of each row as it is added (so a row is garbage as
/// soon as it is written, never held until its group is full) into arrays made once and reused by every group: memory
/// is one group's columns, whatever the row count.
/// </summary>
internal abstract class FocusColumnBuffer
{
    public abstract void Add(FocusRow row);

    /// <summary>Readies a full group for <see cref="WriteAsync"/>, on the thread that fills (the writing thread is the busier one).</summary>
    public virtual void Prepare()
    {
    }

    /// <summary>Writes the values added since the last call as this column's chunk of <paramref name="group"/>, then empties the buffer.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken);
}
