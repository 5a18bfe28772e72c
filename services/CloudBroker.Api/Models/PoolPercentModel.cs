using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>Overcommit per resource in percent of capacity (100: none; 200: twice over).</summary>
public sealed record PoolPercentModel(
    [property: WholeNumber(Min = 10, Max = 10000)] long? Cpu = null,
    [property: WholeNumber(Min = 10, Max = 10000)] long? MemoryMiB = null,
    [property: WholeNumber(Min = 10, Max = 10000)] long? StorageGiB = null);
