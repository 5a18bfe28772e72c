using System.CommandLine;
using System.Text.Json.Nodes;
using CloudBroker.Cli.Output;

namespace CloudBroker.Cli.Commands;

/// <summary><c>costs</c> (showback), <c>alerts</c> (budget thresholds crossed) and <c>billing-periods</c>.</summary>
internal static class FinanceCommands
{
    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        yield return Costs(environment);

        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's alerts" };
        var period = new Option<string?>("--period") { Description = "Only alerts of this month (YYYY-MM)" };
        var alerts = new Command("alerts", "Budget alerts: a budget's warning threshold crossed by rated cost, once per threshold and month");
        alerts.Subcommands.Add(Listing.Command("list", "List the alerts you may read", environment,
            [new("RAISED", "raisedAt"), new("TENANT", "tenantId"), new("SCOPE", "scope"), new("SCOPE ID", "scopeId"), new("PERIOD", "period"),
                new("THRESHOLD %", "threshold"), new("USED", "used"), new("LIMIT", "limit"), new("CURRENCY", "currency")],
            async (parse, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Alerts.GetAsync(r =>
                {
                    (r.QueryParameters.TenantId, r.QueryParameters.Period) = (parse.GetValue(tenant), parse.GetValue(period));
                    (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit);
                }, ct);
                return (page?.Items, page?.Next);
            }, tenant, period));
        yield return alerts;

        var periods = new Command("billing-periods", "Billing periods (UTC months): open, or closed for good");
        var list = new Command("list", "List the billing periods rated so far, newest first");
        BrokerAction.Set(list, environment, async (_, s, ct) =>
        {
            var items = await s.Client.Api.BillingPeriods.GetAsync(cancellationToken: ct) ?? [];
            s.Renderer.List([.. await Task.WhenAll(items.Select(CliSession.JsonOf))],
                [new("PERIOD", "period"), new("STATUS", "status"), new("START", "start"), new("END", "end"), new("CLOSES AFTER", "closesAfter"), new("CLOSED", "closedAt")]);
            return ExitCodes.Ok;
        });
        periods.Subcommands.Add(list);
        yield return periods;
    }

    /// <summary><c>costs</c>: showback, cost summed by a key per day or month; each item carries the answer's currency.</summary>
    private static Command Costs(CliEnvironment environment)
    {
        var groupBy = new Option<string>("--group-by") { Description = "tenant, group, user, provider, realm or tag:<key>", Required = true };
        var from = new Option<string?>("--from") { Description = "First day (YYYY-MM-DD; default: the month's first)" };
        var to = new Option<string?>("--to") { Description = "Day after the last (YYYY-MM-DD, exclusive)" };
        var granularity = new Option<string?>("--granularity") { Description = "day or month (the broker's default: month)" };
        return Listing.Command("costs", "Showback: list and billed cost grouped by a key, per day or month (month to date in the open period)", environment,
            [new("KEY", "key"), new("PERIOD", "period"), new("LIST COST", "listCost"), new("BILLED COST", "billedCost"), new("CURRENCY", "currency")],
            (Listing.JsonPage)(async (parse, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Costs.GetAsync(r =>
                {
                    (r.QueryParameters.GroupBy, r.QueryParameters.Granularity) = (parse.GetValue(groupBy), parse.GetValue(granularity));
                    (r.QueryParameters.From, r.QueryParameters.To) = (parse.GetValue(from), parse.GetValue(to));
                    (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit);
                }, ct);
                var items = new List<JsonNode>();
                foreach (var item in page?.Items ?? [])
                {
                    var json = await CliSession.JsonOf(item);
                    json["currency"] = page!.Currency;
                    items.Add(json);
                }

                return (items, page?.Next);
            }), groupBy, from, to, granularity);
    }
}
