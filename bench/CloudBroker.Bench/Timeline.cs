namespace CloudBroker.Bench;

internal sealed record EventPage(IReadOnlyList<EventItem> Items);

internal sealed record EventItem(DateTime At, string Subject, string? OperationId, string? From, string To);

/// <summary>One instance's create, from its history: accepted, first provider call, and the state it settled in.</summary>
/// <param name="AcceptedAt">The instance's first event (from null to pending), stamped in the accepting transaction.</param>
/// <param name="CallStartedAt">The operation's move to running, stamped by the ExecuteOperation consumer just before the provider call.</param>
/// <param name="RunningAt">The instance's move to running, stamped after the provider call, before that step's commit.</param>
internal sealed record Timeline(string InstanceId, string? OperationId, DateTime? AcceptedAt, DateTime? CallStartedAt, DateTime? RunningAt, string FinalState)
{
    public static Timeline From(string instanceId, IReadOnlyList<EventItem> items)
    {
        var instance = items.Where(e => e.Subject == "instance").ToList();
        var operation = items.Where(e => e.Subject == "operation").ToList();
        return new Timeline(
            instanceId,
            instance.FirstOrDefault()?.OperationId,
            instance.FirstOrDefault(e => e.From is null)?.At,
            operation.FirstOrDefault(e => e.To == "running")?.At,
            instance.FirstOrDefault(e => e.To == "running")?.At,
            instance.LastOrDefault()?.To ?? "unknown");
    }
}
