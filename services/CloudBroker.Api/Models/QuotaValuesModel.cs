using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>A value per resource (limits or warning thresholds); <c>null</c> = none. Budget is a decimal string in the broker currency.</summary>
public sealed record QuotaValuesModel(
    [property: WholeNumber(Min = 0)] long? Instances = null,
    [property: WholeNumber(Min = 0)] long? RunningInstances = null,
    [property: WholeNumber(Min = 0)] long? Cpu = null,
    [property: WholeNumber(Min = 0)] long? MemoryMiB = null,
    [property: WholeNumber(Min = 0)] long? StorageGiB = null,
    [property: Text(InputLimits.AmountMaxLength, TextKind.Amount)] string? Budget = null);
