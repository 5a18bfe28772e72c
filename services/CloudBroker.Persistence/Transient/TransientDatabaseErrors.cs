namespace CloudBroker.Persistence.Transient;

/// <summary>
/// The one place that tells a passing condition of the database from a fault, for every engine: the HTTP edge answers
/// the first with <c>503 database-busy</c> and <c>Retry-After</c> (or runs a request that lost a race again), the
/// workers retry their step instead of failing it. Each engine names its own errors; the exception and every exception
/// inside it are asked (EF Core wraps the driver's in <c>DbUpdateException</c>).
/// </summary>
public abstract class TransientDatabaseErrors
{
    public DatabaseFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (ClassifyOwn(current) is var failure and not DatabaseFailure.None)
            {
                return failure;
            }
        }

        return DatabaseFailure.None;
    }

    public bool IsTransient(Exception exception) => Classify(exception) != DatabaseFailure.None;

    /// <summary>The engine's reading of one exception, without looking inside it.</summary>
    protected abstract DatabaseFailure ClassifyOwn(Exception exception);
}
