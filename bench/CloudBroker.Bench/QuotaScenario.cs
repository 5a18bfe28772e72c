using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudBroker.Bench;

/// <summary>
/// The quotas scenario: the creates run (<see cref="CreateMeasurement"/>, embedded on SQLite) with quota accounting
/// off (<c>CloudBroker:Quotas:Enabled=false</c>: no reservations, no counters) and on, with tenant, group and user
/// limits set so high they never refuse, so every create does the full check. The order alternates per round.
/// </summary>
internal static class QuotaScenario
{
    public const string Off = "quotas off";
    public const string On = "quotas on (tenant+group+user limits)";

    /// <summary>The goal: accepting with quotas costs at most this much of the rate without them.</summary>
    public const double GoalOverhead = 0.20;

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var apiDll = Bench.ApiDll(options);
        var clients = options.Clients.Max();
        var runs = new List<(string Variant, CreateRun Run)>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var variant in round % 2 == 1 ? new[] { Off, On } : [On, Off])
            {
                Console.WriteLine($"round {round}  {variant}");
                var run = variant == Off
                    ? await CreateScenario.RunEmbeddedAsync(apiDll, round, clients, options, cancellationToken,
                        new Dictionary<string, string> { ["CloudBroker__Quotas__Enabled"] = "false" })
                    : await CreateScenario.RunEmbeddedAsync(apiDll, round, clients, options, cancellationToken, prepare: SetLimitsAsync);
                runs.Add((variant, run));
            }
        }

        return QuotaReport.Markdown(options, clients, runs);
    }

    /// <summary>Limits on every scope the bench's admin key charges (tenant, group and user <c>system</c>/<c>admin</c>), far above any run.</summary>
    private static async Task SetLimitsAsync(HttpClient admin)
    {
        foreach (var (scope, id) in new[] { ("tenant", "system"), ("group", "system"), ("user", "admin") })
        {
            var body = new JsonObject
            {
                ["limits"] = new JsonObject
                {
                    ["instances"] = 1_000_000_000, ["runningInstances"] = 1_000_000_000, ["cpu"] = 1_000_000_000,
                    ["memoryMiB"] = 1_000_000_000_000, ["storageGiB"] = 1_000_000_000, ["budget"] = "1000000000.00",
                },
            };
            using var request = new HttpRequestMessage(HttpMethod.Put, $"api/quotas/{scope}/{id}") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var response = await admin.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"PUT /api/quotas/{scope}/{id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
