namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>The documented one-off step before scaled-out processes start: <c>dotnet CloudBroker.Worker.dll migrate</c>.</summary>
internal static class BrokerMigration
{
    public static async Task RunAsync(IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken cancellationToken)
    {
        var output = await OneShotCommand.RunAsync(
            BrokerAssemblies.DotnetHost(), [BrokerAssemblies.Worker, "migrate"], environment, TimeSpan.FromSeconds(120), cancellationToken);
        await File.AppendAllTextAsync(logPath, "==== migrate\n" + output, cancellationToken);
    }
}
