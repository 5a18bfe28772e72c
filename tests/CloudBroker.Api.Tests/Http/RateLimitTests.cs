using System.Globalization;
using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary>
/// Token buckets per API key and per source address answer <c>429 rate-limited</c> with <c>Retry-After</c>; one
/// caller's flood leaves others alone; an address that keeps failing to authenticate has its credentials refused
/// unchecked, and is logged once, with its address. Each test uses addresses of its own.
/// </summary>
public sealed class RateLimitTests(RateLimitFactory factory) : IClassFixture<RateLimitFactory>
{
    [Fact]
    public async Task A_key_over_its_limit_is_refused_with_retry_after_and_another_key_is_not()
    {
        using var admin = factory.From(RateLimitFactory.SetupAddress.ToString(), ApiFactory.AdminKey);
        var flooding = await admin.IssueKeyAsync("admin");
        var other = await admin.IssueKeyAsync("admin");
        using var flood = factory.From("198.51.100.10", flooding);

        for (var i = 0; i < RateLimitFactory.CallerBurst; i++)
        {
            using var ok = await flood.GetAsync("/api/instances", Ct);
            await ExpectJsonAsync(ok, HttpStatusCode.OK);
        }

        using (var refused = await flood.GetAsync("/api/instances", Ct))
        {
            await ExpectRateLimitedAsync(refused, "API key");
        }

        using var neighbour = factory.From("198.51.100.10", other); // same address, another key
        using (var ok = await neighbour.GetAsync("/api/instances", Ct))
        {
            await ExpectJsonAsync(ok, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task An_address_over_its_limit_is_refused_and_other_addresses_and_probes_are_not()
    {
        using var busy = factory.From("198.51.100.20");
        for (var i = 0; i < RateLimitFactory.AddressBurst; i++)
        {
            using var ok = await busy.GetAsync("/api", Ct);
            await ExpectJsonAsync(ok, HttpStatusCode.OK);
        }

        using (var refused = await busy.GetAsync("/api", Ct))
        {
            await ExpectRateLimitedAsync(refused, "address");
        }

        using (var probe = await busy.GetAsync("/healthz", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        using var quiet = factory.From("198.51.100.21");
        using (var ok = await quiet.GetAsync("/api", Ct))
        {
            await ExpectJsonAsync(ok, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Wrong_keys_from_one_address_get_its_credentials_refused_unchecked_and_logged_once_with_the_address()
    {
        const string Guesser = "198.51.100.30";
        for (var i = 0; i < RateLimitFactory.FailureBurst; i++)
        {
            using var wrong = factory.From(Guesser, $"cbk_guess-{i}");
            using var response = await wrong.GetAsync("/api/instances", Ct);
            await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        for (var i = 0; i < 5; i++)
        {
            using var wrong = factory.From(Guesser, $"cbk_more-{i}");
            using var response = await wrong.GetAsync("/api/instances", Ct);
            await ExpectRateLimitedAsync(response, "failed authentications");
        }

        // The right key from there is refused too (a refusal tells a guesser nothing); from elsewhere it works.
        using (var right = factory.From(Guesser, ApiFactory.AdminKey))
        using (var response = await right.GetAsync("/api/instances", Ct))
        {
            await ExpectRateLimitedAsync(response, "failed authentications");
        }

        using (var right = factory.From("198.51.100.31", ApiFactory.AdminKey))
        using (var response = await right.GetAsync("/api/instances", Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        var logged = factory.Logs.Lines.Where(l => l.Contains(Guesser, StringComparison.Ordinal) && !l.StartsWith("Information", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(logged);
        Assert.StartsWith("Warning CloudBroker.Api.RateLimiting.FailedAuthentications: Refusing credentials from 198.51.100.30 after 3 failed authentications", line, StringComparison.Ordinal);
    }

    private static async Task ExpectRateLimitedAsync(HttpResponseMessage response, string why)
    {
        var problem = await ExpectProblemAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Contains(why, (string?)problem["detail"], StringComparison.Ordinal);
        var header = Assert.Single(response.Headers.GetValues("Retry-After"));
        var seconds = int.Parse(header, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60);
        Assert.Equal(seconds, (int?)problem["retryAfter"]);
    }
}
