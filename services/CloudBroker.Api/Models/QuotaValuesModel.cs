namespace CloudBroker.Api.Models;

/// <summary>A value per resource (limits or warning thresholds); <c>null</c> = none. Budget is a decimal string in the broker currency.</summary>
public sealed record QuotaValuesModel(
    long? Instances = null,
    long? RunningInstances = null,
    long? Cpu = null,
    long? MemoryMiB = null,
    long? StorageGiB = null,
    string? Budget = null);
