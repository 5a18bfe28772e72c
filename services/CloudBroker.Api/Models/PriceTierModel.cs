using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>A tier: <c>unitPrice</c> for month-to-date quantities (unit-hours) up to <c>upTo</c>; the last tier has none.</summary>
public sealed record PriceTierModel(
    [property: Text(InputLimits.PriceMaxLength, TextKind.Price)] string? UpTo,
    [property: Text(InputLimits.PriceMaxLength, TextKind.Price)] string? UnitPrice);
