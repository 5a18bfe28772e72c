using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudBroker.Accounting.Exports;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using DuckDB.NET.Data;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// FOCUS 1.2 exports end to end: requested as finance (202 with Location and Operation-Location), built by the worker,
/// downloaded, and read back with an independent reader (DuckDB) — columns and order, types, allowed values, the
/// timestamp format, nulls never written as empty strings, the cost identities on rows that are not corrections, and
/// sums equal to the ledger's exactly. Two fresh installations given the same charges write the same bytes.
/// </summary>
public sealed partial class ExportTests(ExportFactory factory) : IClassFixture<ExportFactory>
{
    private static readonly string[] Mandatory =
    [
        "BilledCost", "BillingAccountId", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeFrequency",
        "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ProviderName",
        "PublisherName", "ServiceCategory", "ServiceName", "ServiceSubcategory", "x_TenantId", "x_PriceBookVersion", "x_ChargeId", "x_ExportRevision",
    ];

    [Fact]
    public async Task An_export_read_by_DuckDB_follows_the_FOCUS_rules_and_sums_to_the_ledger()
    {
        var tenantId = UniqueName("exp");
        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-finance", "finance", tenantId));
        var ledger = await ExportLedger.WriteAsync(factory, tenantId);

        var (export, files) = await ExportAsync(finance, tenantId);
        var parquet = files["parquet"];
        var csv = files["csv"];
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(files["json"], Ct))!.AsObject();

        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync(Ct);

        // Columns, order and types, in both files.
        var parquetColumns = await DescribeAsync(duck, $"read_parquet('{parquet}')");
        Assert.Equal(FocusSchema.Columns.Select(c => c.Name), parquetColumns.Select(c => c.Name));
        foreach (var (column, (_, type)) in FocusSchema.Columns.Zip(parquetColumns))
        {
            Assert.Equal(column.FocusType switch
            {
                "Decimal" => "DECIMAL(38,28)",
                "Date/Time" => "TIMESTAMP WITH TIME ZONE",
                "Integer" => "INTEGER",
                _ => "VARCHAR",
            }, type);
        }

        var csvSource = $"read_csv('{csv}', header = true, all_varchar = true)";
        Assert.Equal(FocusSchema.Columns.Select(c => c.Name), (await DescribeAsync(duck, csvSource)).Select(c => c.Name));
        Assert.Equal(ledger.Count, await ScalarAsync<long>(duck, $"SELECT count(*) FROM read_parquet('{parquet}')"));
        Assert.Equal(ledger.Count, await ScalarAsync<long>(duck, $"SELECT count(*) FROM {csvSource}"));

        // Nulls: never an empty string; the same cells null in both files; mandatory columns never null.
        foreach (var column in FocusSchema.Columns)
        {
            Assert.Equal(0L, await ScalarAsync<long>(duck, $"SELECT count(*) FROM {csvSource} WHERE \"{column.Name}\" = ''"));
            var parquetNulls = await ScalarAsync<long>(duck, $"SELECT count(*) FROM read_parquet('{parquet}') WHERE \"{column.Name}\" IS NULL");
            Assert.Equal(parquetNulls, await ScalarAsync<long>(duck, $"SELECT count(*) FROM {csvSource} WHERE \"{column.Name}\" IS NULL"));
            if (Mandatory.Contains(column.Name))
            {
                Assert.Equal(0L, parquetNulls);
            }
        }

        // Allowed values and the date/time format (CSV text); periods half-open.
        Assert.Empty(await StringsAsync(duck, $"SELECT DISTINCT ChargeCategory FROM {csvSource} WHERE ChargeCategory NOT IN ('Usage', 'Purchase')"));
        Assert.Empty(await StringsAsync(duck, $"SELECT DISTINCT ChargeFrequency FROM {csvSource} WHERE ChargeFrequency NOT IN ('Usage-Based', 'Recurring')"));
        Assert.Empty(await StringsAsync(duck, $"SELECT DISTINCT ServiceCategory FROM {csvSource} WHERE ServiceCategory NOT IN ('Compute', 'Storage')"));
        Assert.Empty(await StringsAsync(duck, $"SELECT DISTINCT PricingCategory FROM {csvSource} WHERE PricingCategory <> 'Standard'"));
        Assert.Equal(["Correction"], await StringsAsync(duck, $"SELECT DISTINCT ChargeClass FROM {csvSource} WHERE ChargeClass IS NOT NULL"));
        Assert.Empty(await StringsAsync(duck, $"SELECT x_ChargeId FROM {csvSource} WHERE ChargeCategory = 'Purchase' AND (ChargeFrequency <> 'Recurring' OR ConsumedQuantity IS NOT NULL)"));
        foreach (var time in new[] { "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd" })
        {
            Assert.All(await StringsAsync(duck, $"SELECT {time} FROM {csvSource}"), t => Assert.Matches(TimeFormat(), t));
        }

        Assert.Equal(["2026-03-01T00:00:00Z|2026-04-01T00:00:00Z"], await StringsAsync(duck, $"SELECT DISTINCT BillingPeriodStart || '|' || BillingPeriodEnd FROM {csvSource}"));
        Assert.Equal(0L, await ScalarAsync<long>(duck, $"SELECT count(*) FROM read_parquet('{parquet}') WHERE ChargePeriodEnd - ChargePeriodStart <> INTERVAL 1 DAY"));
        Assert.Equal("{\"team\":\"a,b\",\"note\":\"say \\\"hi\\\"\"}", await ScalarAsync<string>(duck, $"SELECT Tags FROM {csvSource} WHERE Tags IS NOT NULL"));

        // Cost identities on rows that are not corrections: unit price × pricing quantity = cost; EffectiveCost = BilledCost.
        var identities = await RowsAsync(duck,
            $"SELECT CAST(ListUnitPrice AS VARCHAR), CAST(ContractedUnitPrice AS VARCHAR), CAST(PricingQuantity AS VARCHAR), CAST(ListCost AS VARCHAR), CAST(ContractedCost AS VARCHAR), CAST(BilledCost = EffectiveCost AS VARCHAR) FROM read_parquet('{parquet}') WHERE ChargeClass IS NULL");
        Assert.Equal(ledger.Count - 1, identities.Count);
        foreach (var row in identities)
        {
            var (list, contracted, quantity) = (Parse(row[0]), Parse(row[1]), Parse(row[2]));
            Assert.True(Math.Abs((list * quantity) - Parse(row[3])) < 1e-20m, $"ListUnitPrice {row[0]} × PricingQuantity {row[2]} ≠ ListCost {row[3]}");
            Assert.True(Math.Abs((contracted * quantity) - Parse(row[4])) < 1e-20m, $"ContractedUnitPrice {row[1]} × PricingQuantity {row[2]} ≠ ContractedCost {row[4]}");
            Assert.Equal("true", row[5]);
        }

        // Sums equal the ledger exactly: Parquet, CSV (read as decimals) and the manifest.
        var ledgerSum = ExportManifest.Text(ledger.Aggregate(BigInteger.Zero, (sum, c) => sum + ExportManifest.Units(c.BilledAmount)));
        var parquetSum = await ScalarAsync<string>(duck, $"SELECT CAST(SUM(BilledCost) AS VARCHAR) FROM read_parquet('{parquet}')");
        var csvSum = await ScalarAsync<string>(duck, $"SELECT CAST(SUM(CAST(BilledCost AS DECIMAL(38,28))) AS VARCHAR) FROM {csvSource}");
        Assert.Equal(ledgerSum, Trim(parquetSum));
        Assert.Equal(ledgerSum, Trim(csvSum));
        Assert.Equal(ledgerSum, (string?)manifest["billedCost"]![0]!["sum"]);
        Assert.Equal("USD", (string?)manifest["billedCost"]![0]!["currency"]);

        // The manifest describes the files as served.
        Assert.Equal(("1.2", FocusSchema.SchemaId, "open", 1), ((string?)manifest["focusVersion"], (string?)manifest["schemaId"], (string?)manifest["periodStatus"], (int)manifest["revision"]!));
        Assert.Equal("2026-04-01T00:00:00Z", (string?)manifest["usageWatermark"]); // the period's end: the watermark is past it
        foreach (var file in manifest["files"]!.AsArray())
        {
            var path = ((string)file!["name"]!).EndsWith(".parquet", StringComparison.Ordinal) ? parquet : csv;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, Ct))), (string?)file["sha256"]);
            Assert.Equal(ledger.Count, (long)file["rows"]!);
        }

        Assert.Equal(["rates:2"], Strings(manifest["priceBookVersions"]));
        Assert.Equal("succeeded", (string?)export["status"]);
    }

    [Fact]
    public async Task Another_tenants_finance_sees_no_export_and_cannot_request_one_the_system_finance_can()
    {
        var tenantId = UniqueName("exp");
        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-finance", "finance", tenantId));
        await ExportLedger.WriteAsync(factory, tenantId);
        var (export, _) = await ExportAsync(finance, tenantId);
        var id = (string)export["id"]!;

        var other = UniqueName("other");
        using var outsider = factory.CreateAdminClient(await factory.AddUserKeyAsync(other + "-finance", "finance", other));
        await ExpectProblemAsync(await outsider.GetAsync($"/api/exports/{id}", Ct), HttpStatusCode.NotFound, "not-found");
        await ExpectProblemAsync(await outsider.GetAsync($"/api/exports/{id}/files/manifest.json", Ct), HttpStatusCode.NotFound, "not-found");
        Assert.Empty((await ExpectJsonAsync(await outsider.GetAsync($"/api/exports?tenantId={tenantId}", Ct), HttpStatusCode.OK))["items"]!.AsArray());
        await ExpectProblemAsync(await outsider.PostAsync("/api/exports", Body(Request(tenantId)), Ct), HttpStatusCode.NotFound, "not-found");

        using var member = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-member", "member", tenantId));
        await ExpectProblemAsync(await member.GetAsync($"/api/exports/{id}", Ct), HttpStatusCode.Forbidden, "forbidden");

        using var systemFinance = factory.CreateAdminClient(await factory.AddUserKeyAsync(UniqueName("sysfin"), "finance"));
        var seen = await ExpectJsonAsync(await systemFinance.GetAsync($"/api/exports/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal(tenantId, (string?)seen["tenantId"]);
        var second = await systemFinance.PostAsync("/api/exports", Body(Request(tenantId)), Ct);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
    }

    [Fact]
    public async Task Two_fresh_installations_given_the_same_charges_write_the_same_bytes()
    {
        var tenantId = UniqueName("same");
        var hashes = new List<string[]>();
        for (var run = 0; run < 2; run++)
        {
            var data = ApiFactory.NewDataDirectory();
            await using var host = ApiFactory.On(data, ApiFactory.AdminKey, deleteOnDispose: true);
            using var finance = host.CreateAdminClient(await host.AddUserKeyAsync(tenantId + "-finance", "finance", tenantId));
            await ExportLedger.WriteAsync(host, tenantId);
            var (_, files) = await ExportAsync(finance, tenantId);
            hashes.Add([.. files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f.Value))))]);
        }

        Assert.Equal(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task A_bad_period_is_refused_naming_the_field()
    {
        var tenantId = UniqueName("exp");
        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-finance", "finance", tenantId));
        await ExpectFieldErrorAsync(await finance.PostAsync("/api/exports", Body(new JsonObject { ["tenantId"] = tenantId, ["billingPeriod"] = "2026-13" }), Ct), "/billingPeriod");
        await ExpectFieldErrorAsync(await finance.PostAsync("/api/exports", Body(new JsonObject { ["tenantId"] = tenantId, ["billingPeriod"] = "2999-01" }), Ct), "/billingPeriod");
        await ExpectFieldErrorAsync(await finance.PostAsync("/api/exports", Body(new JsonObject { ["billingPeriod"] = "2026-03" }), Ct), "/tenantId");
    }

    private static JsonObject Request(string tenantId) => new() { ["tenantId"] = tenantId, ["billingPeriod"] = "2026-03" };

    /// <summary>Requests the export, waits for its operation to succeed and downloads its files (by extension) to a temporary folder.</summary>
    private static async Task<(JsonObject Export, Dictionary<string, string> Files)> ExportAsync(HttpClient client, string tenantId)
    {
        var accepted = await client.PostAsync("/api/exports", Body(Request(tenantId)), Ct);
        var operation = await ExpectJsonAsync(accepted, HttpStatusCode.Accepted);
        Assert.Equal("export", (string?)operation["kind"]);
        var location = accepted.Headers.Location!.ToString();
        Assert.StartsWith("/api/exports/", location, StringComparison.Ordinal);
        Assert.Equal("/api/operations/" + (string)operation["id"]!, accepted.Headers.GetValues("Operation-Location").Single());
        Assert.Equal(location, "/api/exports/" + (string)operation["targetId"]!);

        JsonObject export;
        var waited = 0;
        while (true)
        {
            export = await ExpectJsonAsync(await client.GetAsync(location, Ct), HttpStatusCode.OK);
            if ((string?)export["status"] is "succeeded" or "failed" || waited++ > 600)
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Equal("succeeded", (string?)export["status"]);
        var done = await ExpectJsonAsync(await client.GetAsync("/api/operations/" + (string)operation["id"]!, Ct), HttpStatusCode.OK);
        Assert.Equal("succeeded", (string?)done["status"]);

        var folder = Directory.CreateTempSubdirectory("cb-export-test-").FullName;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in export["files"]!.AsArray())
        {
            var name = (string)file!["name"]!;
            using var response = await client.GetAsync((string)file["href"]!, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(name, response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
            var path = Path.Combine(folder, name);
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
            files[Path.GetExtension(name).TrimStart('.')] = path;
        }

        return (export, files);
    }

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Trim(string text) => text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;

    private static async Task<List<(string Name, string Type)>> DescribeAsync(DuckDBConnection duck, string source) =>
        [.. (await RowsAsync(duck, $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {source})")).Select(r => (r[0], r[1]))];

    private static async Task<T> ScalarAsync<T>(DuckDBConnection duck, string sql)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(Ct))!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> StringsAsync(DuckDBConnection duck, string sql) => [.. (await RowsAsync(duck, sql)).Select(r => r[0])];

    private static async Task<List<string[]>> RowsAsync(DuckDBConnection duck, string sql)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null! : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex TimeFormat();
}
