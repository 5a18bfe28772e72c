using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/sizes</c> and <c>PUT /api/sizes/{id}</c>.</summary>
public sealed record SizeRequest(
    [property: Text(63, TextKind.Label)] string? Name,
    [property: WholeNumber(Min = 1, Max = 4096)] long? Cpu,
    [property: WholeNumber(Min = 1, Max = 67108864)] long? MemoryMiB,
    [property: WholeNumber(Min = 1, Max = 1048576)] long? StorageGiB,
    [property: Text(1024)] string? Description = null);
