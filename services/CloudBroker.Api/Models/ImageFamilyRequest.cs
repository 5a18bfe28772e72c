using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/image-families</c> and <c>PUT /api/image-families/{id}</c>: <c>images</c> maps a provider id to one of its image ids.</summary>
public sealed record ImageFamilyRequest(
    [property: Text(63, TextKind.Label)] string? Name,
    [property: Text(256, MaxItems = 200, MaxKeyLength = 64)] IReadOnlyDictionary<string, string>? Images,
    [property: Text(1024)] string? Description = null);
