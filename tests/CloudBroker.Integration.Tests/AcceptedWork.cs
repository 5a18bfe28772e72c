using System.Collections.Concurrent;
using System.Diagnostics;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// What the broker answered a workload: accepted operations (after checking each 202 against the wire contract),
/// refusals, answers that break the contract, and requests whose answer was lost to a kill (retried later with
/// the same <c>Idempotency-Key</c>).
/// </summary>
internal sealed class AcceptedWork
{
    private readonly ConcurrentBag<AcceptedOperation> _accepted = [];
    private readonly ConcurrentBag<PlannedRequest> _lost = [];
    private readonly ConcurrentBag<string> _unexpected = [];
    private readonly ConcurrentBag<string> _refused = [];
    private int _inFlightWaits;
    private int _busyRetries;

    public IReadOnlyCollection<AcceptedOperation> Accepted => _accepted;

    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public IReadOnlyCollection<string> Refused => _refused;

    public int LostCount => _lost.Count;

    /// <summary>Retries that waited for the claim of a request whose process died.</summary>
    public int InFlightWaits => _inFlightWaits;

    /// <summary>Answers <c>503 database-busy</c> that were sent again after their <c>Retry-After</c>, as the API asks clients to.</summary>
    public int BusyRetries => _busyRetries;

    /// <summary>
    /// Sends the request and records its answer; a lost answer is kept for <see cref="RetryLostAsync"/>. A database that
    /// is busy for a moment (<c>503 database-busy</c>) is waited out as docs/api.md says: the same request, with the same key,
    /// after its <c>Retry-After</c> (plus a little jitter); nothing of the first attempt was kept.
    /// </summary>
    public async Task<Answer?> SendAsync(HttpClient client, PlannedRequest request, CancellationToken cancellationToken)
    {
        var answer = await BrokerCalls.SendAsync(client, request, cancellationToken);
        for (var busy = 0; answer is { Status: 503, ProblemType: "/problems/database-busy" } && busy < 30; busy++)
        {
            Interlocked.Increment(ref _busyRetries);
            var retryAfter = (int?)(Answer.TryParse(answer.Body)?["retryAfter"]) ?? 1;
            await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500)), cancellationToken);
            answer = await BrokerCalls.SendAsync(client, request, cancellationToken);
        }

        if (answer is null)
        {
            _lost.Add(request);
        }
        else
        {
            Record(request, answer, retried: false);
        }

        return answer;
    }

    /// <summary>Sends again, with the same key, every request whose answer was lost.</summary>
    public async Task<int> RetryLostAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var lost = _lost.ToArray();
        _lost.Clear();
        foreach (var request in lost)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var answer = await BrokerCalls.SendAsync(client, request, cancellationToken);
                if (answer is null)
                {
                    _unexpected.Add($"retry of {request}: the connection failed with no kill");
                    break;
                }

                if (answer.Status == 409 && answer.ProblemType == "/problems/idempotency-in-flight" && watch.Elapsed < TimeSpan.FromSeconds(20))
                {
                    // The first attempt's claim outlived its process: wait until its lease lets us take it over.
                    Interlocked.Increment(ref _inFlightWaits);
                    var retryAfter = (int?)(Answer.TryParse(answer.Body)?["retryAfter"]) ?? 1;
                    await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(retryAfter, 1, 5)), cancellationToken);
                    continue;
                }

                Record(request, answer, retried: true);
                break;
            }
        }

        return lost.Length;
    }

    /// <summary>A 202 becomes an accepted operation (after checking its headers); anything else is a refusal or a contract break.</summary>
    private void Record(PlannedRequest request, Answer answer, bool retried)
    {
        if (answer.Status == 202)
        {
            var (operationId, targetId, problems) = AcceptedAnswer.Inspect(request, answer);
            if (problems.Count > 0)
            {
                _unexpected.Add($"{request} → {answer}: {string.Join("; ", problems)}");
                return;
            }

            _accepted.Add(new AcceptedOperation(operationId!, request.Kind, targetId!, request.Name, request.Round, request.Key, retried, answer.Replayed));
            return;
        }

        if (retried && !answer.Replayed)
        {
            // A retry either replays what the first attempt answered or runs it for the first time, and the
            // first time would have been accepted (each instance gets one request per round).
            _unexpected.Add($"retry of {request} → {answer}: neither accepted nor the replay of an earlier answer");
        }
        else if (answer.Status >= 500)
        {
            _unexpected.Add($"{request} → {answer}");
        }
        else
        {
            _refused.Add($"{request} → {answer}");
        }
    }
}
