namespace CloudBroker.Provisioning.History;

/// <summary>
/// One recorded transition in an instance's history: of the instance's state, or of the status of
/// an operation on it; with the time and the cause (an action, a provider event, an error).
/// </summary>
public sealed class InstanceEvent
{
    public const string InstanceSubject = "instance";

    public const string OperationSubject = "operation";

    public long Id { get; set; }

    public required string InstanceId { get; init; }

    /// <summary><see cref="InstanceSubject"/> or <see cref="OperationSubject"/>.</summary>
    public required string Subject { get; init; }

    public string? OperationId { get; init; }

    /// <summary>The state or status before, or <c>null</c> for the first event of the subject.</summary>
    public string? From { get; init; }

    public required string To { get; init; }

    public required string Cause { get; init; }

    public DateTime At { get; init; }

    public required string TenantId { get; init; }

    /// <summary>
    /// The instance's tags (a JSON object, keys in ordinal order) on the events that set them: its first event and every
    /// change of its tags; <c>null</c> on the others (the tags in force are those of the last event that had them).
    /// </summary>
    public string? Tags { get; init; }

    /// <summary>
    /// On PostgreSQL, the id of the transaction that wrote the row (<c>pg_current_xact_id()</c>, the column's default
    /// there), so a reader can tell rows whose transaction may still commit from rows that are final; <c>null</c> on
    /// SQLite, whose single writer makes id order commit order.
    /// </summary>
    public long? Transaction { get; init; }
}
