namespace CloudBroker.Api.Models;

/// <summary>What a scope holds now against each of its limits.</summary>
public sealed record QuotaUsageModel(
    string Scope,
    string ScopeId,
    string Period,
    string Currency,
    UsageCountModel Instances,
    UsageCountModel RunningInstances,
    UsageCountModel Cpu,
    UsageCountModel MemoryMiB,
    UsageCountModel StorageGiB,
    UsageMoneyModel Budget);
