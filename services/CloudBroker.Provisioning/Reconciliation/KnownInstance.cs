using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>What a run reads of an instance before it asks the provider (the version tells later whether it changed since).</summary>
/// <param name="CreateFailed">Its create failed: it never ran, and what the provider holds for it is its compensation's to remove.</param>
public sealed record KnownInstance(string Id, InstanceState State, string? ProviderInstanceId, int Version, bool CreateFailed = false);
