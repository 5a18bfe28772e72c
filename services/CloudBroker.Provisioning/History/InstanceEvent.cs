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
}
