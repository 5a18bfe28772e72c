using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>
/// Warning thresholds: an absolute value per count (<c>null</c> = none); for the budget a list of whole percentages of
/// its limit, 1 to 1000, at most 10 (kept sorted and without repeats; left out = the default 50, 75, 90, 100; empty = none).
/// </summary>
public sealed record QuotaWarnAtModel(
    [property: WholeNumber(Min = 0)] long? Instances = null,
    [property: WholeNumber(Min = 0)] long? RunningInstances = null,
    [property: WholeNumber(Min = 0)] long? Cpu = null,
    [property: WholeNumber(Min = 0)] long? MemoryMiB = null,
    [property: WholeNumber(Min = 0)] long? StorageGiB = null,
    IReadOnlyList<long>? Budget = null);
