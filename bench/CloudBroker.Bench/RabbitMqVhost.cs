namespace CloudBroker.Bench;

/// <summary>
/// A virtual host of its own per run, made and removed with <c>rabbitmqctl</c> on the node of tests/services/rabbitmq.sh,
/// so that the run's queues (whose names the broker fixes) are not shared with a test suite using the same node.
/// </summary>
internal static class RabbitMqVhost
{
    public static async Task AddAsync(ScaleoutOptions options, string vhost, CancellationToken cancellationToken)
    {
        await CtlAsync(options, cancellationToken, "add_vhost", vhost);
        await CtlAsync(options, cancellationToken, "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    public static Task DeleteAsync(ScaleoutOptions options, string vhost, CancellationToken cancellationToken) =>
        CtlAsync(options, cancellationToken, "delete_vhost", vhost);

    /// <summary>The node's CLI as tests/services/rabbitmq.sh runs it: the versioned script, the node's HOME (cookie) and epmd port.</summary>
    private static Task<string> CtlAsync(ScaleoutOptions options, CancellationToken cancellationToken, params string[] args)
    {
        var sbin = Directory.Exists("/usr/lib/rabbitmq/lib")
            ? Directory.EnumerateDirectories("/usr/lib/rabbitmq/lib", "rabbitmq_server-*").Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (sbin is null)
        {
            throw new BenchException("no /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin/rabbitmqctl (apt-get install rabbitmq-server)");
        }

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(options.ServicesDirectory, "rabbitmq", "home"),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = Environment.GetEnvironmentVariable("CB_RABBITMQ_EPMD_PORT") is { Length: > 0 } epmd ? epmd : "34369", // as tests/services/rabbitmq.sh
            ["RABBITMQ_NODENAME"] = "cb@localhost",
        };
        return ChildCommand.RunAsync(Path.Combine(sbin, "sbin", "rabbitmqctl"), ["-q", "-n", "cb@localhost", .. args], environment, TimeSpan.FromSeconds(60), cancellationToken);
    }
}
