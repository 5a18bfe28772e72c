namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>An operation as the broker's PostgreSQL database holds it (statuses are the enum's names: <c>Succeeded</c>, ...).</summary>
internal sealed record OperationRow(string Id, string Kind, string Status, string TargetId, bool HasError, DateTime CreatedAt, DateTime UpdatedAt)
{
    public bool IsTerminal => Status is "Succeeded" or "Failed" or "Cancelled";

    /// <summary>Accepted → ended (the last update of a terminal operation).</summary>
    public TimeSpan Took => UpdatedAt - CreatedAt;
}
