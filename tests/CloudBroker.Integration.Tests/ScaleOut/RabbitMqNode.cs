using System.Globalization;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>The test node through its script (tests/services/rabbitmq.sh): start, stop, and a vhost per scenario.</summary>
internal sealed class RabbitMqNode(string script)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken, "start");

    public Task StopAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken, "stop");

    public Task AddVhostAsync(string name, CancellationToken cancellationToken) => RunAsync(cancellationToken, "add-vhost", name);

    public Task DeleteVhostAsync(string name, CancellationToken cancellationToken) => RunAsync(cancellationToken, "delete-vhost", name);

    /// <summary>The queues of <paramref name="vhost"/> with their ready and unacknowledged (delivered, still being handled) messages.</summary>
    public async Task<IReadOnlyList<QueueDepth>> QueuesAsync(string vhost, CancellationToken cancellationToken) =>
        (await OneShotCommand.RunAsync("bash", [script, "list-queues", vhost], null, Timeout, cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 3)
            .Select(fields => new QueueDepth(fields[0], long.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture)))
            .ToList();

    private async Task RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        await OneShotCommand.RunAsync("bash", [script, .. arguments], null, Timeout, cancellationToken);
}
