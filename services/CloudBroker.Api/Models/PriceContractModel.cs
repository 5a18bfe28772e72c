using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>A tenant's contract: <c>percent</c> added to its prices (a decimal string, <c>"-12.5"</c> = 12.5 % off).</summary>
public sealed record PriceContractModel([property: Text(64)] string? TenantId, [property: Text(16)] string? Percent);
