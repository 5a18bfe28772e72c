namespace CloudBroker.Persistence.Transient;

/// <summary>What a failed database call means for the work that made it (<see cref="TransientDatabaseErrors"/>).</summary>
public enum DatabaseFailure
{
    /// <summary>Not a passing condition of the database: a fault to report (a bug, a constraint, bad data).</summary>
    None,

    /// <summary>
    /// The transaction lost to a concurrent one (a deadlock, a serialization failure, a lock not granted) and was rolled
    /// back: running it again at once will most likely succeed.
    /// </summary>
    Contention,

    /// <summary>
    /// The server refused a new connection (too many clients, still starting): nothing was sent, so the work may run again
    /// as soon as a connection frees up, as it waits for one when its own pool is exhausted.
    /// </summary>
    NoConnection,

    /// <summary>
    /// The database cannot serve now: no connection came free in the pool in time, the server is short of a resource, is
    /// shutting down, or the connection was lost (possibly while committing: the outcome is unknown). Try again after a pause.
    /// </summary>
    Unavailable,
}
