using System.Diagnostics.Metrics;
using CloudBroker.Accounting;
using CloudBroker.Provisioning;
using RabbitMQ.Client;

namespace CloudBroker.Hosting;

/// <summary>
/// The bus's queue depth where the transport can tell it (RabbitMQ; the in-memory bus cannot): messages ready in each
/// workflow queue and its <c>_error</c> queue, as the gauge <c>cloudbroker.bus.queue.messages</c>. Collection never
/// waits on the broker: it reports the last counts (at most 10 s old) and asks for new ones in the background, over a
/// connection of its own.
/// </summary>
internal sealed class RabbitMqQueueDepth : IAsyncDisposable
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    private readonly ConnectionFactory _factory;
    private readonly string[] _queues;
    private readonly TimeProvider _time;
    private IReadOnlyList<Measurement<long>> _last = [];
    private DateTimeOffset _askedAt = DateTimeOffset.MinValue;
    private int _asking;
    private IConnection? _connection;

    public RabbitMqQueueDepth(RabbitMqSettings settings, IMeterFactory meters, TimeProvider time)
    {
        _factory = new ConnectionFactory { Uri = settings.Uri!, ClientProvidedName = "cloudbroker-queue-depth" };
        _queues = [.. ProvisioningServiceCollectionExtensions.ProvisioningQueues.Concat(AccountingServiceCollectionExtensions.AccountingQueues).SelectMany(q => new[] { q, q + "_error" })];
        _time = time;
        meters.Create(BrokerTelemetry.BusMeter).CreateObservableGauge("cloudbroker.bus.queue.messages", Observe, "{message}",
            "Messages ready in each workflow queue of RabbitMQ (and its _error queue), as last asked");
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var now = _time.GetUtcNow();
        if (now - _askedAt >= Freshness && Interlocked.Exchange(ref _asking, 1) == 0)
        {
            _askedAt = now;
            _ = AskAsync();
        }

        return _last;
    }

    private async Task AskAsync()
    {
        try
        {
            _connection ??= await _factory.CreateConnectionAsync();
            var counts = new List<Measurement<long>>();
            foreach (var queue in _queues)
            {
                // A queue that does not exist yet (an _error queue before the first error) closes the channel: one per queue.
                await using var channel = await _connection.CreateChannelAsync();
                try
                {
                    counts.Add(new Measurement<long>(await channel.MessageCountAsync(queue), new KeyValuePair<string, object?>("messaging.destination.name", queue)));
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    // Not declared (yet): nothing waits in it.
                }
            }

            _last = counts;
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            _last = []; // unknown while the broker is unreachable: no number rather than a stale one
        }
        finally
        {
            Volatile.Write(ref _asking, 0);
        }
    }
}
