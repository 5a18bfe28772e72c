using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/sizes</c> and <c>PUT /api/sizes/{id}</c>.</summary>
public sealed record SizeRequest(
    [property: Text(63, TextKind.Label)] string? Name,
    [property: WholeNumber(Min = 1, Max = 4096)] int? Cpu,
    [property: WholeNumber(Min = 1, Max = 67108864)] int? MemoryMiB,
    [property: WholeNumber(Min = 1, Max = 1048576)] int? StorageGiB,
    [property: Text(1024)] string? Description = null);
