namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// Scale out (issue 5, item 5c): RabbitMQ stopped for 20 s and started again with work in flight; production leases
/// (nothing is re-driven by a short sweeper lease: the bus's reconnection and the outbox must recover by themselves).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class RabbitMqOutageTests
{
    [Fact(Timeout = 300_000)]
    public async Task Work_accepted_before_and_during_a_rabbitmq_outage_completes_once_when_it_is_back()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("rabbitmq-outage", 1);
        var log = folder.Log;
        log.Say($"rabbitmq outage: {RabbitMqOutageScenario.Outage.TotalSeconds:0} s, 2 API + 2 workers; data in {folder.Path}");

        // Creates stay in flight for a second (the mock boots them), long enough to be caught by the stop.
        var reader = MockCloudSettings.Reader(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));
        var environment = BrokerEnvironment.Create(folder.Path, reader, fastRecovery: false);
        environment["CloudBroker__Provisioning__PollInterval"] = "00:00:00.25";
        try
        {
            await using var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 2, workers: 2, log, ct);
            var started = log.Elapsed;
            var report = await new RabbitMqOutageScenario(services, cluster, reader, log).RunAsync(ct);
            log.Report(report + $"; scenario {(log.Elapsed - started).TotalSeconds:0} s");
        }
        finally
        {
            // Whatever happened, the node goes back up for the tests that follow.
            await services.RabbitMq.StartAsync(CancellationToken.None);
        }

        folder.Passed();
    }
}
