using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Bench;

/// <summary>One raw bus run: messages published and consumed, and the time from the first publish to the last consume.</summary>
/// <param name="ConsumerConcurrency">The most Consume calls seen at once when each awaits 10 ms: the endpoint's concurrency limit.</param>
/// <param name="BlockingConsumerConcurrency">
/// The same when each blocks its thread for 10 ms before returning its task, as the API's consumers do in SQLite calls
/// (Microsoft.Data.Sqlite's async methods run synchronously): the endpoint's dispatch waits for the call to return.
/// </param>
internal sealed record BusResult(int Messages, int Publishers, TimeSpan Elapsed, int ConsumerConcurrency, int BlockingConsumerConcurrency)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
}

/// <summary>
/// Raw MassTransit in-memory bus, configured as the broker's (<c>UsingInMemory</c>, <c>ConfigureEndpoints</c>, one
/// consumer on its own endpoint with a definition like the workflow consumers', defaults otherwise): <c>publishers</c> concurrent loops publish
/// <c>messages</c> in all, each awaiting its publish before the next; the clock stops when the consumer has seen the last.
/// </summary>
internal static class RawBus
{
    public static async Task<BusResult> RunAsync(int messages, int publishers, CancellationToken cancellationToken)
    {
        var counter = new PingCounter();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(counter);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<PingConsumer, PingConsumerDefinition>();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(cancellationToken);
        try
        {
            // Warm-up: the first publishes build the pipes and JIT them.
            await PublishAsync(bus, counter, Math.Min(2_000, messages), publishers, cancellationToken);
            var elapsed = await PublishAsync(bus, counter, messages, publishers, cancellationToken);

            // How many messages the endpoint hands to its consumer at once, by default: make each take 10 ms,
            // awaiting, then blocking the thread.
            counter.Delay = TimeSpan.FromMilliseconds(10);
            await PublishAsync(bus, counter, 200, publishers, cancellationToken);
            var concurrency = counter.TakeMaxConcurrent();
            counter.Blocking = true;
            await PublishAsync(bus, counter, 200, publishers, cancellationToken);
            return new BusResult(messages, publishers, elapsed, concurrency, counter.TakeMaxConcurrent());
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<TimeSpan> PublishAsync(IBus bus, PingCounter counter, int messages, int publishers, CancellationToken cancellationToken)
    {
        var done = counter.Expect(messages);
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(_ => Task.Run(
            async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < messages)
                {
                    await bus.Publish(new BenchPing(n, "01a21d3a-eef0-70bf-9520-0642fab43ebb"), cancellationToken);
                }
            },
            cancellationToken)));
        await done.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return Stopwatch.GetElapsedTime(started);
    }
}

/// <summary>The message: about the size of the broker's <c>ExecuteOperation</c>.</summary>
public sealed record BenchPing(int Sequence, string OperationId);

internal sealed class PingCounter
{
    private int _remaining;
    private int _concurrent;
    private int _maxConcurrent;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Expect(int messages)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, messages);
        return _done.Task;
    }

    public TimeSpan Delay { get; set; }

    public bool Blocking { get; set; }

    public int TakeMaxConcurrent() => Interlocked.Exchange(ref _maxConcurrent, 0);

    public Task ConsumeAsync()
    {
        if (Delay <= TimeSpan.Zero)
        {
            Seen();
            return Task.CompletedTask;
        }

        return SlowAsync();
    }

    private async Task SlowAsync()
    {
        var now = Interlocked.Increment(ref _concurrent);
        int max;
        while (now > (max = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, max) != max)
        {
        }

        if (Blocking)
        {
            Thread.Sleep(Delay);
        }
        else
        {
            await Task.Delay(Delay);
        }

        Interlocked.Decrement(ref _concurrent);
        Seen();
    }

    private void Seen()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}

/// <summary>As the API's workflow consumers' definition: an immediate retry policy, no concurrency or prefetch setting.</summary>
internal sealed class PingConsumerDefinition : ConsumerDefinition<PingConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PingConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Immediate(3).Handle<InvalidOperationException>());
}

internal sealed class PingConsumer(PingCounter counter) : IConsumer<BenchPing>
{
    public Task Consume(ConsumeContext<BenchPing> context) => counter.ConsumeAsync();
}
