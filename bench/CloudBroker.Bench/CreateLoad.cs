using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CloudBroker.Bench;

/// <summary>The closed-loop create load: what was accepted (the instance ids), how long each POST took, what failed.</summary>
internal sealed record CreateLoadResult(TimeSpan Elapsed, IReadOnlyList<string> InstanceIds, long[] SortedTicks, long Errors, string? FirstError)
{
    public double AcceptedPerSecond => InstanceIds.Count / Elapsed.TotalSeconds;

    public double P50Ms => Stats.PercentileMs(SortedTicks, 0.50);

    public double P99Ms => Stats.PercentileMs(SortedTicks, 0.99);
}

/// <summary>
/// <c>clients</c> workers, sharing one <see cref="HttpClient"/> with a connection each, POST /api/instances
/// (unique names, the mock provider) as fast as the API answers, for <c>duration</c>. With several API
/// processes, worker <c>w</c> sends to API <c>w mod n</c>, so each gets an equal share of the clients.
/// </summary>
internal static class CreateLoad
{
    public static HttpClient Client(int clients, string bearer)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public static async Task<CreateLoadResult> RunAsync(
        HttpClient client, IReadOnlyList<Uri> baseUris, int clients, TimeSpan duration, string namePrefix, CancellationToken cancellationToken)
    {
        var urls = baseUris.Select(b => new Uri(b, "api/instances")).ToArray();
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = await Task.WhenAll(Enumerable.Range(0, clients).Select(w =>
            Task.Run(() => Worker(client, urls[w % urls.Length], $"{namePrefix}-w{w}", end, cancellationToken), cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var ticks = workers.SelectMany(w => w.Ticks).ToArray();
        Array.Sort(ticks);
        return new CreateLoadResult(elapsed, [.. workers.SelectMany(w => w.Ids)], ticks, workers.Sum(w => w.Errors), workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null));
    }

    private static async Task<(List<string> Ids, List<long> Ticks, long Errors, string? FirstError)> Worker(
        HttpClient client, Uri url, string prefix, long end, CancellationToken cancellationToken)
    {
        var ids = new List<string>(16 * 1024);
        var ticks = new List<long>(16 * 1024);
        long errors = 0;
        string? firstError = null;
        for (var n = 0; Stopwatch.GetTimestamp() < end; n++)
        {
            var body = $$"""{"name":"{{prefix}}-{{n}}","providerId":"mock","imageId":"debian-12","hardwareProfileId":"m1-small"}""";
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(url, content, cancellationToken);
                var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location is { } location)
                {
                    ticks.Add(Stopwatch.GetTimestamp() - sent);
                    ids.Add(location.OriginalString[(location.OriginalString.LastIndexOf('/') + 1)..]);
                }
                else
                {
                    errors++;
                    firstError ??= $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 300)))}";
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                errors++;
                firstError ??= e.GetType().Name + ": " + e.Message;
            }
        }

        return (ids, ticks, errors, firstError);
    }
}
