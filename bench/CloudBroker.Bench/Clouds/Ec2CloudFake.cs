using CloudBroker.Testing.Ec2;

namespace CloudBroker.Bench.Clouds;

/// <summary>The EC2 fake for the clouds scenario: its RunInstances bucket is the run's, machines run 200 ms after launch.</summary>
internal sealed class Ec2CloudFake(Ec2Fake fake) : ICloudFake
{
    public string Driver => "ec2";

    public string LimitName => "RunInstances token bucket (RequestLimitExceeded)";

    public TimeSpan ReadyAfter => fake.Options.PendingFor;

    public int Running => fake.Instances.Count(i => i.State == "running");

    public long Throttled => fake.Counters.Throttled;

    public static async Task<ICloudFake> StartAsync(int burst, double refillPerSecond) =>
        new Ec2CloudFake(await Ec2Fake.StartAsync(new Ec2FakeOptions
        {
            RunInstancesBurst = burst,
            RunInstancesRefillPerSecond = refillPerSecond,
            PendingFor = TimeSpan.FromMilliseconds(200),
        }));

    public IReadOnlyDictionary<string, string> ProviderEnvironment(string providerId)
    {
        var prefix = $"CloudBroker__Providers__{providerId}__";
        return new Dictionary<string, string>
        {
            [prefix + "Driver"] = Driver,
            [prefix + "Region"] = fake.Options.Region,
            [prefix + "ServiceUrl"] = fake.ServiceUrl.ToString(),
            [prefix + "Credentials__AccessKeyId"] = Ec2FakeOptions.DefaultAccessKeyId,
            [prefix + "Credentials__SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey,
        };
    }

    public ValueTask DisposeAsync() => fake.DisposeAsync();
}
