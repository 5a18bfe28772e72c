using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;

namespace CloudBroker.Bench;

/// <summary>One raw RabbitMQ run: messages confirmed by the broker, and the time they took.</summary>
internal sealed record RabbitResult(int Publishers, long Confirmed, TimeSpan Elapsed, string ServerVersion)
{
    public double PerSecond => Confirmed / Elapsed.TotalSeconds;
}

/// <summary>
/// Raw RabbitMQ with RabbitMQ.Client 7 (the version MassTransit.RabbitMQ uses): one connection, <c>publishers</c>
/// channels with publisher confirmations and their tracking on, each publishing persistent messages of about an
/// ExecuteOperation's size to a durable quorum queue of its own and awaiting each confirm before the next, for a
/// fixed time after a short warm-up. The queue is deleted afterwards.
/// </summary>
internal static class RawRabbit
{
    private static readonly ReadOnlyMemory<byte> Body = Encoding.UTF8.GetBytes(
        """{"operationId":"01a21d3a-eef0-70bf-9520-0642fab43ebb","instanceId":"01a21d3a-eef0-70bf-9520-0642fab43ebc","attempt":1}""");

    public static async Task<RabbitResult> RunAsync(Uri uri, int publishers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = "cloudbroker-bench-raw" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var version = connection.ServerProperties?.TryGetValue("version", out var v) == true && v is byte[] bytes ? Encoding.UTF8.GetString(bytes) : "?";
        var queue = $"cloudbroker-bench-raw-{Guid.NewGuid():N}";
        await using var setup = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await setup.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        try
        {
            var channels = new List<IChannel>();
            try
            {
                for (var i = 0; i < publishers; i++)
                {
                    channels.Add(await connection.CreateChannelAsync(
                        new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken));
                }

                await PublishAsync(channels, queue, TimeSpan.FromSeconds(1), cancellationToken); // warm-up: JIT, channel set-up
                var started = Stopwatch.GetTimestamp();
                var confirmed = await PublishAsync(channels, queue, duration, cancellationToken);
                return new RabbitResult(publishers, confirmed, Stopwatch.GetElapsedTime(started), version);
            }
            finally
            {
                foreach (var channel in channels)
                {
                    await channel.DisposeAsync();
                }
            }
        }
        finally
        {
            await setup.QueueDeleteAsync(queue, cancellationToken: CancellationToken.None);
        }
    }

    private static async Task<long> PublishAsync(IReadOnlyList<IChannel> channels, string queue, TimeSpan duration, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var counts = await Task.WhenAll(channels.Select(channel => Task.Run(
            async () =>
            {
                long n = 0;
                while (Stopwatch.GetTimestamp() < end)
                {
                    await channel.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, Body, cancellationToken);
                    n++;
                }

                return n;
            },
            cancellationToken)));
        return counts.Sum();
    }
}
