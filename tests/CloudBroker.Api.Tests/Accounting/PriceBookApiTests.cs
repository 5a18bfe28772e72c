using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Api.Tests.Quotas;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// Price books through the API: drafts are edited with If-Match and published; a published version refuses every
/// change; another currency is refused at publish; a tenant's finance reads the general lines and its own only;
/// the budget's estimate prices from what is published (the tenant's line, then its contract).
/// </summary>
public sealed class PriceBookApiTests(QuotaFactory factory) : IClassFixture<QuotaFactory>
{
    private static readonly DateTime From = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_draft_is_edited_with_if_match_then_published_and_never_changes_again()
    {
        using var admin = factory.CreateAdminClient();
        var (bookId, etag) = await admin.CreateBookAsync(UniqueName("book"), From, [PriceBookCalls.Line("mock", "m1-small", "0.10")]);
        Assert.Equal("\"1\"", etag);

        var edit = new JsonObject
        {
            ["effectiveFrom"] = From,
            ["lines"] = new JsonArray(
                PriceBookCalls.Line("mock", "m1-small", "0.125"),
                new JsonObject
                {
                    ["providerId"] = "mock", ["sku"] = "vcpu-hours", ["tierMode"] = "graduated",
                    ["tiers"] = new JsonArray(new JsonObject { ["upTo"] = "100", ["unitPrice"] = "0.05" }, new JsonObject { ["unitPrice"] = "0.04" }),
                }),
        };
        using (var missing = await admin.PutAsync($"/api/price-books/{bookId}/versions/1", Body(edit), Ct))
        {
            await ExpectProblemAsync(missing, HttpStatusCode.PreconditionRequired, "precondition-required");
        }

        string edited;
        using (var put = await Send(admin, HttpMethod.Put, $"/api/price-books/{bookId}/versions/1", edit, etag))
        {
            var version = await ExpectJsonAsync(put, HttpStatusCode.OK);
            edited = put.Headers.ETag!.ToString();
            Assert.Equal("\"2\"", edited);
            Assert.Equal("0.125", (string?)version["lines"]![0]!["unitPrice"]);
            Assert.Equal("graduated", (string?)version["lines"]![1]!["tierMode"]);
            Assert.Equal("100", (string?)version["lines"]![1]!["tiers"]![0]!["upTo"]);
            Assert.Null(version["lines"]![1]!["tiers"]![1]!["upTo"]);
        }

        using (var stale = await admin.PublishAsync(bookId, 1, etag))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
        }

        using (var published = await admin.PublishAsync(bookId, 1, edited))
        {
            var version = await ExpectJsonAsync(published, HttpStatusCode.OK);
            Assert.Equal("published", (string?)version["status"]);
            Assert.NotNull(version["publishedAt"]);
        }

        using (var change = await Send(admin, HttpMethod.Put, $"/api/price-books/{bookId}/versions/1", edit, "\"3\""))
        {
            var problem = await ExpectProblemAsync(change, HttpStatusCode.Conflict, "price-book-version-published");
            Assert.Equal(bookId, (string?)problem["priceBookId"]);
            Assert.Equal(1, (int?)problem["version"]);
        }

        using (var again = await admin.PublishAsync(bookId, 1, "\"3\""))
        {
            await ExpectProblemAsync(again, HttpStatusCode.Conflict, "price-book-version-published");
        }

        using (var next = await admin.PostAsync($"/api/price-books/{bookId}/versions", Body(new JsonObject
        {
            ["effectiveFrom"] = From.AddMonths(1),
            ["lines"] = new JsonArray(PriceBookCalls.Line("mock", "m1-small", "0.2")),
        }), Ct))
        {
            var version = await ExpectJsonAsync(next, HttpStatusCode.Created);
            Assert.Equal(2, (int?)version["version"]);
            Assert.Equal("draft", (string?)version["status"]);
        }

        var book = await ExpectJsonAsync(await admin.GetAsync($"/api/price-books/{bookId}", Ct), HttpStatusCode.OK);
        Assert.Equal([2, 1], book["versions"]!.AsArray().Select(v => (int)v!["version"]!));

        // Every attempt to publish is in the audit log, refusals too.
        var audit = await AuditEntries.WaitForAsync(
            admin, "/api/audit?route=" + Uri.EscapeDataString("/api/price-books/{id}/versions/{version}/publish"), 3, e => (string?)e["target"] == $"{bookId}/1");
        var publishes = audit.Select(e => (int)e["status"]!).Order();
        Assert.Equal([200, 409, 412], publishes);
        Assert.Equal("0.125", (string?)(await ExpectJsonAsync(await admin.GetAsync($"/api/price-books/{bookId}/versions/1", Ct), HttpStatusCode.OK))["lines"]![0]!["unitPrice"]);
    }

    [Fact]
    public async Task A_book_in_another_currency_is_drafted_but_refused_at_publish()
    {
        using var admin = factory.CreateAdminClient();
        var (bookId, etag) = await admin.CreateBookAsync(UniqueName("eur"), From, [PriceBookCalls.Line("mock", "m1-small", "0.10")], currency: "EUR");
        using var refused = await admin.PublishAsync(bookId, 1, etag);
        var problem = await ExpectProblemAsync(refused, HttpStatusCode.Conflict, "price-book-currency-unsupported");
        Assert.Equal("USD", (string?)problem["currency"]);
        Assert.Contains("EUR", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"providerId":"mock","sku":"m1-small","unitPrice":"1"},{"providerId":"mock","sku":"m1-small","unitPrice":"2"}]""", "/lines/1")]
    [InlineData("""[{"providerId":"nowhere","sku":"m1-small","unitPrice":"1"}]""", "/lines/0/providerId")]
    [InlineData("""[{"providerId":"mock","sku":"m1-small","unitPrice":"1","tenantId":"no-such-tenant"}]""", "/lines/0/tenantId")]
    [InlineData("""[{"providerId":"mock","sku":"m1-small","unitPrice":"1.0000000000001"}]""", "/lines/0/unitPrice")]
    [InlineData("""[{"providerId":"mock","sku":"m1-small"}]""", "/lines/0/unitPrice")]
    [InlineData("""[{"providerId":"mock","sku":"m1-small","tierMode":"stepped","unitPrice":"1"}]""", "/lines/0/tierMode")]
    [InlineData("""[{"providerId":"mock","sku":"m1-small","tierMode":"volume","tiers":[{"upTo":"10","unitPrice":"1"},{"upTo":"5","unitPrice":"1"},{"unitPrice":"1"}]}]""", "/lines/0/tiers/1/upTo")]
    [InlineData("""[{"providerId":"mock","sku":"m1-small","tierMode":"volume","tiers":[{"upTo":"10","unitPrice":"1"}]}]""", "/lines/0/tiers/0/upTo")]
    [InlineData("""[{"providerId":"mock","sku":"vcpu-hours","unitPrice":"1","monthlyFee":"10"}]""", "/lines/0/monthlyFee")]
    public async Task Bad_lines_are_400_naming_the_field(string lines, string pointer)
    {
        using var admin = factory.CreateAdminClient();
        using var response = await admin.PostAsync("/api/price-books", Body(new JsonObject
        {
            ["name"] = UniqueName("bad"),
            ["currency"] = "USD",
            ["effectiveFrom"] = From,
            ["lines"] = JsonNode.Parse(lines),
        }), Ct);
        await ExpectFieldErrorAsync(response, pointer);
    }

    [Fact]
    public async Task A_contract_outside_its_range_and_a_range_ending_before_it_starts_are_400()
    {
        using var admin = factory.CreateAdminClient();
        var (tenantId, _) = await factory.NewTenantAsync("contract");
        using (var percent = await admin.PostAsync("/api/price-books", Body(new JsonObject
        {
            ["name"] = UniqueName("pct"), ["currency"] = "USD", ["effectiveFrom"] = From,
            ["contracts"] = new JsonArray(new JsonObject { ["tenantId"] = tenantId, ["percent"] = "-100.5" }),
        }), Ct))
        {
            await ExpectFieldErrorAsync(percent, "/contracts/0/percent");
        }

        using var range = await admin.PostAsync("/api/price-books", Body(new JsonObject
        {
            ["name"] = UniqueName("range"), ["currency"] = "USD", ["effectiveFrom"] = From, ["effectiveTo"] = From,
        }), Ct);
        await ExpectFieldErrorAsync(range, "/effectiveTo");
    }

    [Fact]
    public async Task A_tenants_finance_reads_published_versions_with_the_general_lines_and_its_own_only()
    {
        using var admin = factory.CreateAdminClient();
        var (tenantId, _) = await factory.NewTenantAsync("fin");
        var (otherId, _) = await factory.NewTenantAsync("fin-other");
        var bookId = await admin.PublishBookAsync(UniqueName("negotiated"), From,
            [PriceBookCalls.Line("mock", "m1-small", "0.10"), PriceBookCalls.Line("mock", "m1-small", "0.08", tenantId), PriceBookCalls.Line("mock", "m1-small", "0.07", otherId)],
            [new JsonObject { ["tenantId"] = tenantId, ["percent"] = "-5" }, new JsonObject { ["tenantId"] = otherId, ["percent"] = "-9" }]);
        using (var draft = await admin.PostAsync($"/api/price-books/{bookId}/versions", Body(new JsonObject { ["effectiveFrom"] = From.AddYears(1) }), Ct))
        {
            await ExpectJsonAsync(draft, HttpStatusCode.Created);
        }

        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-finance", "finance", tenantId));
        var version = await ExpectJsonAsync(await finance.GetAsync($"/api/price-books/{bookId}/versions/1", Ct), HttpStatusCode.OK);
        Assert.Equal([null, tenantId], version["lines"]!.AsArray().Select(l => (string?)l!["tenantId"]));
        Assert.Equal([tenantId], version["contracts"]!.AsArray().Select(c => (string?)c!["tenantId"]));
        Assert.Equal("-5", (string?)version["contracts"]![0]!["percent"]);

        using (var draft = await finance.GetAsync($"/api/price-books/{bookId}/versions/2", Ct))
        {
            await ExpectProblemAsync(draft, HttpStatusCode.NotFound, "not-found");
        }

        var book = await ExpectJsonAsync(await finance.GetAsync($"/api/price-books/{bookId}", Ct), HttpStatusCode.OK);
        Assert.Equal([1], book["versions"]!.AsArray().Select(v => (int)v!["version"]!));

        using var member = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-m2", "member", tenantId));
        using var forbidden = await member.GetAsync($"/api/price-books/{bookId}", Ct);
        await ExpectProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_configured_prices_are_the_published_book_configuration()
    {
        using var admin = factory.CreateAdminClient();
        var version = await ExpectJsonAsync(await admin.GetAsync("/api/price-books/configuration/versions/1", Ct), HttpStatusCode.OK);
        Assert.Equal("published", (string?)version["status"]);
        Assert.Equal(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), (DateTime)version["effectiveFrom"]!);
        var lines = version["lines"]!.AsArray().Where(l => (string?)l!["providerId"] == "priced")
            .Select(l => $"{l!["sku"]}={l["unitPrice"]}").ToArray();
        Assert.Equal(["m1-small=2.5", "vcpu-hours=0.04"], lines);
    }

    [Fact]
    public async Task The_budget_estimates_from_the_tenants_published_line_and_contract()
    {
        var (tenantId, member) = await factory.NewTenantAsync("priced");
        using var admin = factory.CreateAdminClient();
        await admin.PublishBookAsync(UniqueName("deal"), From,
            [PriceBookCalls.Line("priced", "m1-small", "1.00", tenantId)],
            [new JsonObject { ["tenantId"] = tenantId, ["percent"] = "-50" }]);

        var now = DateTime.UtcNow;
        var monthEnd = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        await member.CreateAsync(InstanceCalls.Request(UniqueName("deal"), "priced"));
        var budget = (await member.UsageAsync("tenant", tenantId))["budget"]!.AsObject();
        var held = decimal.Parse((string)budget["used"]!, CultureInfo.InvariantCulture) + decimal.Parse((string)budget["reserved"]!, CultureInfo.InvariantCulture);
        var expected = 0.50m * (decimal)(monthEnd - now).TotalHours; // 1.00 an hour, 50 % off, for the rest of the month
        Assert.InRange(held, expected - 0.01m, expected + 0.01m);
    }

    [Fact]
    public async Task A_provider_defined_through_the_api_is_priced_by_book_lines_like_any_other()
    {
        using var admin = factory.CreateAdminClient();
        var providerId = StoredProviders.NewId("stored");
        await admin.CreateProviderAsync(StoredProviders.MockBody(providerId));
        var (tenantId, member) = await factory.NewTenantAsync("stored");
        await admin.PublishBookAsync(UniqueName("stored"), From, [PriceBookCalls.Line(providerId, "m1-small", "2.00")]);

        var now = DateTime.UtcNow;
        var monthEnd = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        await member.CreateAsync(InstanceCalls.Request(UniqueName("stored"), providerId));
        var budget = (await member.UsageAsync("tenant", tenantId))["budget"]!.AsObject();
        var held = decimal.Parse((string)budget["used"]!, CultureInfo.InvariantCulture) + decimal.Parse((string)budget["reserved"]!, CultureInfo.InvariantCulture);
        var expected = 2.00m * (decimal)(monthEnd - now).TotalHours;
        Assert.InRange(held, expected - 0.01m, expected + 0.01m);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, JsonObject body, string ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = Body(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request, Ct);
    }
}
