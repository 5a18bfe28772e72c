using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudBroker.Bench.Claims;

/// <summary>What the burst of creates got: accepted, refused for capacity, anything else, and how long all of them took.</summary>
internal sealed record ClaimBurst(int Accepted, int RefusedForCapacity, int Other, TimeSpan Elapsed, string? FirstOther)
{
    public int Total => Accepted + RefusedForCapacity + Other;

    /// <summary>Claims decided (taken or refused) per second of the burst.</summary>
    public double ClaimsPerSecond => Total / Elapsed.TotalSeconds;
}

/// <summary>
/// Fires <c>count</c> creates of one vCPU each at the bench pool's realm, <c>clients</c> at a time, spread round-robin
/// over the API processes: every create claims on the same inventory row, the hottest row there can be.
/// </summary>
internal static class ClaimLoad
{
    public static async Task<ClaimBurst> RunAsync(IReadOnlyList<Uri> apis, string key, int count, int clients, CancellationToken cancellationToken)
    {
        var http = apis.Select(uri =>
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(120) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
            return client;
        }).ToList();
        var next = -1;
        int accepted = 0, refused = 0, other = 0;
        string? firstOther = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var body = new JsonObject
                {
                    ["name"] = $"claim-{i}",
                    ["providerId"] = ClaimScenario.ProviderId,
                    ["imageId"] = "debian-12",
                    ["hardwareProfileId"] = "m1-small",
                    ["realmId"] = ClaimScenario.RealmId,
                };
                using var response = await http[i % http.Count].PostAsJsonAsync("api/instances", body, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref accepted);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.Conflict && text.Contains("/problems/capacity-exhausted", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refused);
                }
                else
                {
                    Interlocked.Increment(ref other);
                    Interlocked.CompareExchange(ref firstOther, $"{(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}", null);
                }
            }
        }));
        clock.Stop();
        foreach (var client in http)
        {
            client.Dispose();
        }

        return new ClaimBurst(accepted, refused, other, clock.Elapsed, firstOther);
    }
}
