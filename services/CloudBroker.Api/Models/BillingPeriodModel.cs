namespace CloudBroker.Api.Models;

/// <summary>A billing period: <c>period</c> is its month (<c>yyyy-MM</c>, UTC), <c>[start, end)</c>; <c>open</c> until the rating run closes it at <c>closedAt</c> (due at <c>closesAfter</c>).</summary>
public sealed record BillingPeriodModel(string Period, DateTime Start, DateTime End, string Status, DateTime ClosesAfter, DateTime? ClosedAt);
