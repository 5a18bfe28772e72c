namespace CloudBroker.Api.Models;

/// <summary>A scope's budget for one calendar month (UTC): amounts as decimal strings in <c>currency</c>.</summary>
public sealed record UsageMoneyModel(string? Limit, string Used, string Reserved, string? WarnAt, bool Warning, string Currency, string Period);
