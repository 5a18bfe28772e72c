using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>What a run reads of an instance before it asks the provider (the version tells later whether it changed since).</summary>
public sealed record KnownInstance(string Id, InstanceState State, string? ProviderInstanceId, int Version);
