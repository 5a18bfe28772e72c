namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>The test node through its script (tests/services/rabbitmq.sh): start, stop, and a vhost per scenario.</summary>
internal sealed class RabbitMqNode(string script)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken, "start");

    public Task StopAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken, "stop");

    public Task AddVhostAsync(string name, CancellationToken cancellationToken) => RunAsync(cancellationToken, "add-vhost", name);

    public Task DeleteVhostAsync(string name, CancellationToken cancellationToken) => RunAsync(cancellationToken, "delete-vhost", name);

    private async Task RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        await OneShotCommand.RunAsync("bash", [script, .. arguments], null, Timeout, cancellationToken);
}
