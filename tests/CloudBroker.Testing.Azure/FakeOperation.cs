namespace CloudBroker.Testing.Azure;

/// <summary>A long-running operation: in progress until <paramref name="DoneAt"/> (never when null).</summary>
internal sealed record FakeOperation(string Id, DateTimeOffset Started, DateTimeOffset? DoneAt)
{
    public string StatusAt(DateTimeOffset now) => DoneAt is { } done && now >= done ? "Succeeded" : "InProgress";
}
