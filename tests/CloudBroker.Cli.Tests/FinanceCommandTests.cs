using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace CloudBroker.Cli.Tests;

/// <summary>
/// Finance from the command line: an export requested and waited for, listed, shown and downloaded (every file, and
/// one by name) with the bytes the manifest describes; showback and its refusals; alerts and billing periods; a
/// webhook whose secret is printed once and never again, its deliveries, its deletion.
/// </summary>
public sealed class FinanceCommandTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_is_requested_waited_for_listed_and_downloaded_as_the_manifest_describes()
    {
        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var requested = await broker.RunAsync("exports", "request", "--tenant", "system", "--period", month, "--wait", "-o", "json");
        Assert.True(requested.Exit == ExitCodes.Ok, requested.ToString());
        var export = JsonNode.Parse(requested.Output)!;
        var id = (string)export["id"]!;
        Assert.Equal(("succeeded", month, false), ((string?)export["status"], (string?)export["billingPeriod"], (bool)export["final"]!));

        var table = await broker.RunAsync("exports", "list", "--tenant", "system", "--period", month);
        Assert.Contains(table.Output.Split('\n'), row => row.StartsWith(id, StringComparison.Ordinal) && row.Contains("succeeded", StringComparison.Ordinal));
        var shown = await broker.RunAsync("exports", "show", id);
        Assert.True(shown.Exit == ExitCodes.Ok, shown.ToString());
        Assert.Contains("manifest.json", shown.Output, StringComparison.Ordinal);

        var folder = Path.Combine(broker.DataDirectory, "downloads-" + Guid.NewGuid().ToString("N"));
        var all = await broker.RunAsync("exports", "download", id, "--to", folder);
        Assert.True(all.Exit == ExitCodes.Ok, all.ToString());
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"), Ct))!;
        var described = manifest["files"]!.AsArray();
        Assert.Equal(2, described.Count);
        foreach (var file in described)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, (string)file!["name"]!), Ct);
            Assert.Equal((string?)file["sha256"], Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        var csvName = (string)described.Single(f => ((string)f!["name"]!).EndsWith(".csv", StringComparison.Ordinal))!["name"]!;
        var single = Path.Combine(folder, "copy.csv");
        var one = await broker.RunAsync("exports", "download", id, csvName, "--to", single);
        Assert.True(one.Exit == ExitCodes.Ok, one.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, csvName), Ct), await File.ReadAllBytesAsync(single, Ct));
        var csv = await File.ReadAllBytesAsync(single, Ct);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]); // UTF-8 with a BOM, for spreadsheets
        Assert.StartsWith("AvailabilityZone,BilledCost,", System.Text.Encoding.UTF8.GetString(csv[3..]), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.NotFound, (await broker.RunAsync("exports", "show", Guid.NewGuid().ToString())).Exit);
        var future = await broker.RunAsync("exports", "request", "--tenant", "system", "--period", "2999-01");
        Assert.True(future.Exit == ExitCodes.Refused, future.ToString());
        Assert.Contains("/billingPeriod", future.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Costs_alerts_and_billing_periods_answer_and_a_bad_grouping_names_its_parameter()
    {
        var costs = await broker.RunAsync("costs", "--group-by", "tenant", "--granularity", "day", "-o", "json");
        Assert.True(costs.Exit == ExitCodes.Ok, costs.ToString());
        Assert.IsType<JsonArray>(JsonNode.Parse(costs.Output));
        var table = await broker.RunAsync("costs", "--group-by", "provider");
        Assert.True(table.Exit == ExitCodes.Ok, table.ToString());
        Assert.StartsWith("KEY", table.Output, StringComparison.Ordinal);

        var refused = await broker.RunAsync("costs", "--group-by", "colour");
        Assert.True(refused.Exit == ExitCodes.Refused, refused.ToString());
        Assert.Contains("groupBy", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await broker.RunAsync("costs")).Exit); // --group-by is required

        var alerts = await broker.RunAsync("alerts", "list", "-o", "json");
        Assert.True(alerts.Exit == ExitCodes.Ok, alerts.ToString());
        Assert.IsType<JsonArray>(JsonNode.Parse(alerts.Output));
        var periods = await broker.RunAsync("billing-periods", "list");
        Assert.True(periods.Exit == ExitCodes.Ok, periods.ToString());
        Assert.StartsWith("PERIOD", periods.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhooks_secret_is_printed_once_then_it_is_listed_without_it_and_deleted()
    {
        var created = await broker.RunAsync("webhooks", "create", "--url", "https://hooks.example.com/finance", "--description", "finance bot", "-o", "json");
        Assert.True(created.Exit == ExitCodes.Ok, created.ToString());
        var webhook = JsonNode.Parse(created.Output)!;
        var (id, secret) = ((string)webhook["id"]!, (string)webhook["secret"]!);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Contains("not shown again", created.Error, StringComparison.Ordinal);

        foreach (var run in new[] { await broker.RunAsync("webhooks", "list"), await broker.RunAsync("webhooks", "show", id, "-o", "json"), await broker.RunAsync("webhooks", "list", "-o", "yaml") })
        {
            Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
            Assert.Contains(id, run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);
        }

        var deliveries = await broker.RunAsync("webhooks", "deliveries", id, "-o", "json");
        Assert.True(deliveries.Exit == ExitCodes.Ok, deliveries.ToString());
        Assert.Empty(JsonNode.Parse(deliveries.Output)!.AsArray());

        var refused = await broker.RunAsync("webhooks", "create", "--url", "http://169.254.169.254/latest/meta-data/");
        Assert.True(refused.Exit == ExitCodes.Refused, refused.ToString());
        Assert.Contains("/url", refused.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await broker.RunAsync("webhooks", "delete", id)).Exit);
        Assert.Equal(ExitCodes.NotFound, (await broker.RunAsync("webhooks", "show", id)).Exit);
    }
}
