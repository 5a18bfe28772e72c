namespace CloudBroker.Api.Models;

/// <summary>
/// A scope's budget for one calendar month (UTC): amounts as decimal strings in <c>currency</c>. <c>used</c> is the
/// rated cost of the month so far, <c>reserved</c> the estimate for the rest of it of what is alive; <c>warnAt</c> the
/// thresholds in percent of the limit, <c>crossed</c> those that <c>used + reserved</c> has reached, and
/// <c>warning</c> whether any has.
/// </summary>
public sealed record UsageMoneyModel(
    string? Limit, string Used, string Reserved, IReadOnlyList<int> WarnAt, IReadOnlyList<int> Crossed, bool Warning, string Currency, string Period);
