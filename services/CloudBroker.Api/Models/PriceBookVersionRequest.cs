using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/price-books/{id}/versions</c> (a new draft) and <c>PUT …/versions/{version}</c> (replaces a draft's content).</summary>
public sealed record PriceBookVersionRequest(
    [property: Text(40)] string? EffectiveFrom,
    [property: Text(40)] string? EffectiveTo = null,
    [property: Items(10_000)] IReadOnlyList<PriceLineModel>? Lines = null,
    [property: Items(10_000)] IReadOnlyList<PriceContractModel>? Contracts = null);
