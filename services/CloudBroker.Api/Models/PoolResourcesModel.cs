using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>A whole number per resource of a pool: vCPUs, memory in MiB, storage in GiB (<c>null</c>: the default, or unlimited where a capacity).</summary>
public sealed record PoolResourcesModel(
    [property: WholeNumber(Min = 0)] long? Cpu = null,
    [property: WholeNumber(Min = 0)] long? MemoryMiB = null,
    [property: WholeNumber(Min = 0)] long? StorageGiB = null);
