using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/price-books</c>: the book and the content of its first draft version.</summary>
public sealed record PriceBookRequest(
    [property: Text(63, TextKind.Label)] string? Name,
    [property: Text(3)] string? Currency,
    [property: Text(40)] string? EffectiveFrom,
    [property: Text(40)] string? EffectiveTo = null,
    [property: Items(10_000)] IReadOnlyList<PriceLineModel>? Lines = null,
    [property: Items(10_000)] IReadOnlyList<PriceContractModel>? Contracts = null);
