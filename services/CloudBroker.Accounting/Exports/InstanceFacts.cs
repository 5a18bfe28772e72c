namespace CloudBroker.Accounting.Exports;

/// <summary>What an instance's usage said from <see cref="From"/> on: the realm it ran in and the tags in force (JSON).</summary>
public sealed record InstanceFacts(DateTime From, string? RealmId, string Tags);
