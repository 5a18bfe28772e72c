using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>What an admin says a realm of a pool holds, for a provider that cannot say it (<c>null</c>: unlimited).</summary>
public sealed record DeclaredCapacityModel(
    [property: Text(128)] string? RealmId,
    [property: WholeNumber(Min = 0)] long? Cpu = null,
    [property: WholeNumber(Min = 0)] long? MemoryMiB = null,
    [property: WholeNumber(Min = 0)] long? StorageGiB = null);
