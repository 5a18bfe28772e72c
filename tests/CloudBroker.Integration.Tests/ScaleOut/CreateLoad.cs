using System.Collections.Concurrent;
using System.Diagnostics;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// Creates sent by many concurrent clients, client <c>c</c> to API <c>c mod n</c>: each client takes the next planned
/// create until none is left (or <c>stopSending</c> is cancelled), after an optional pause (to spread the load over a span of time).
/// </summary>
internal sealed class CreateLoad(RequestPlanner planner, AcceptedWork work, IReadOnlyList<HttpClient> apis)
{
    private readonly ConcurrentBag<TimeSpan> _latencies = [];

    /// <summary>Request → answer, per create.</summary>
    public IReadOnlyCollection<TimeSpan> Latencies => _latencies;

    public async Task SendAsync(int round, int count, int clients, TimeSpan pause, CancellationToken cancellationToken, CancellationToken stopSending = default)
    {
        // Planned up front: the planner is not thread-safe.
        var requests = Enumerable.Range(0, count).Select(i => planner.Create(round, i)).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(
            async () =>
            {
                for (var index = Interlocked.Increment(ref next); index < requests.Length; index = Interlocked.Increment(ref next))
                {
                    if (pause > TimeSpan.Zero)
                    {
                        try
                        {
                            await Task.Delay(pause, stopSending);
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            return;
                        }
                    }

                    if (stopSending.IsCancellationRequested)
                    {
                        return;
                    }

                    var watch = Stopwatch.StartNew();
                    await work.SendAsync(apis[client % apis.Count], requests[index], cancellationToken);
                    _latencies.Add(watch.Elapsed);
                }
            },
            cancellationToken)));
    }
}
