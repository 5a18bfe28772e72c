namespace CloudBroker.Integration.Tests;

/// <summary>
/// Sends a planned burst: one task per client, each sending its requests in order after their pauses, to the
/// API the client is given. Cancelling <c>stopSending</c> (a kill of the only process) drops the rest of every
/// plan; a request already sent stays in flight until its connection breaks.
/// </summary>
internal sealed class RequestBurst(List<(TimeSpan Pause, PlannedRequest Request)>[] plans, Func<int, HttpClient> clientFor, AcceptedWork work)
{
    private int _sent;

    public int Sent => _sent;

    public int Planned => plans.Sum(p => p.Count);

    public Task SendAsync(CancellationToken stopSending, CancellationToken cancellationToken) =>
        Task.WhenAll(plans.Select((plan, client) => Task.Run(
            async () =>
            {
                foreach (var (pause, request) in plan)
                {
                    try
                    {
                        await Task.Delay(pause, stopSending);
                    }
                    catch (OperationCanceledException)
                    {
                        return; // the rest of this client's plan is never sent
                    }

                    Interlocked.Increment(ref _sent);
                    await work.SendAsync(clientFor(client), request, cancellationToken);
                }
            },
            cancellationToken)));
}
