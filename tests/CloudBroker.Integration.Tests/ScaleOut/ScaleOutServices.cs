namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// The private PostgreSQL and RabbitMQ that tests/run.sh starts before the tests and names in the environment
/// (<c>CB_TEST_POSTGRES</c>, <c>CB_TEST_RABBITMQ</c>, <c>CB_TEST_RABBITMQ_SCRIPT</c>). Without them the scale-out
/// tests fail and say how to get them: they never skip.
/// </summary>
internal sealed record ScaleOutServices(string PostgresConnectionString, Uri RabbitMqUri, RabbitMqNode RabbitMq)
{
    public static ScaleOutServices FromEnvironment()
    {
        var postgres = Environment.GetEnvironmentVariable("CB_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("CB_TEST_RABBITMQ");
        var script = Environment.GetEnvironmentVariable("CB_TEST_RABBITMQ_SCRIPT");
        var missing = new[] { ("CB_TEST_POSTGRES", postgres), ("CB_TEST_RABBITMQ", rabbit), ("CB_TEST_RABBITMQ_SCRIPT", script) }
            .Where(v => string.IsNullOrWhiteSpace(v.Item2)).Select(v => v.Item1).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail(
                $"the scale-out tests need PostgreSQL and RabbitMQ, but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set. " +
                "Run them through tests/run.sh (it starts private instances and sets these), or start them yourself: " +
                "bash tests/services/postgres.sh start && bash tests/services/rabbitmq.sh start, then " +
                "CB_TEST_POSTGRES='Host=127.0.0.1;Port=35432;Username=postgres;Password=cloudbroker' " +
                "CB_TEST_RABBITMQ='amqp://guest:guest@127.0.0.1:35700/' CB_TEST_RABBITMQ_SCRIPT=$PWD/tests/services/rabbitmq.sh");
        }

        if (!File.Exists(script))
        {
            Assert.Fail($"CB_TEST_RABBITMQ_SCRIPT={script} does not exist (it should name tests/services/rabbitmq.sh)");
        }

        var uri = new Uri(rabbit!.EndsWith('/') ? rabbit : rabbit + "/");
        return new ScaleOutServices(postgres!, uri, new RabbitMqNode(script!));
    }

    /// <summary>The AMQP URI of one vhost of the test node.</summary>
    public Uri RabbitMqVhost(string vhost) => new(RabbitMqUri, Uri.EscapeDataString(vhost));
}
