using System.Globalization;
using CloudBroker.Accounting.Periods;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudBroker.Api.Apis;

/// <summary><c>GET /api/billing-periods</c>: the months rating has billed, newest first, open or closed (the rules: <see cref="BillingPeriods"/>).</summary>
internal static class BillingPeriodsApi
{
    public static void MapBillingPeriodsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/billing-periods", List).Allow(AccessRule.Finance).WithTags("Billing periods")
            .WithSummary("Billing periods (calendar months, UTC), newest first: open, or closed for good at closedAt");

    private static async Task<Ok<IReadOnlyList<BillingPeriodModel>>> List(BillingPeriods periods, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<BillingPeriodModel>>([.. (await periods.ListAsync(cancellationToken)).Select(p => new BillingPeriodModel(
            p.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture), p.Start, p.Start.AddMonths(1), p.ClosedAt is null ? "open" : "closed",
            periods.DueAt(p.Start), p.ClosedAt))]);
}
