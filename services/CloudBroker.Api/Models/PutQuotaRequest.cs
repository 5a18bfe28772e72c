using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The whole quota of a scope (PUT replaces it: a resource left out is unlimited); <c>currency</c>, if sent, must be the broker's.</summary>
public sealed record PutQuotaRequest(QuotaValuesModel? Limits, QuotaWarnAtModel? WarnAt, [property: Text(16)] string? Currency);
