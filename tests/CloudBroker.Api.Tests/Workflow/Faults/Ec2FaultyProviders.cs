using System.Text.Json.Nodes;
using CloudBroker.Testing.Ec2;
using Xunit;

namespace CloudBroker.Api.Tests.Workflow.Faults;

/// <summary>
/// The faults on ec2 providers, each its own account on one <see cref="Ec2Fake"/>: <c>ambiguous</c> (RunInstances
/// launches, then answers 500), <c>stuck</c> (instances never leave pending) and <c>throttled</c> (a RunInstances
/// bucket another tool just spent, refilling at 0.45 a second: the first three creates are throttled).
/// </summary>
public sealed class Ec2FaultyProviders : FaultyProviders, IAsyncLifetime
{
    private Ec2Fake? _fake;

    public override string AmbiguousFailure => "InternalError";

    /// <summary>Throttled at 0 s and ~1 s (0.45 tokens) at least, whatever the machine's load; ~2 s usually too.</summary>
    public override int MinimumThrottledSteps => 2;

    public override JsonObject CreateRequest(string name, string providerId) => new()
    {
        ["name"] = name,
        ["providerId"] = providerId,
        ["imageId"] = "ami-0a1b2c3d4e5f60718",
        ["hardwareProfileId"] = "t3.micro",
    };

    /// <summary>The AWS console stops the instance in the provider's account.</summary>
    public override Task StopBehindTheBrokerAsync(string providerId, string machineId)
    {
        Assert.True(_fake!.StopFromConsole(machineId, KeyOf(providerId)), $"instance {machineId} is not running in {providerId}'s account");
        return Task.CompletedTask;
    }

    public async ValueTask InitializeAsync()
    {
        _fake = await Ec2Fake.StartAsync();
        _fake.AddAccount(KeyOf("ambiguous"), Account(o => o.FailAfterCreate = true));
        _fake.AddAccount(KeyOf("stuck"), Account(o => o.NeverReady = true));
        _fake.AddAccount(KeyOf("throttled"), Account(o =>
        {
            o.RunInstancesBurst = 1;
            o.RunInstancesRefillPerSecond = 0.45;
            o.RunInstancesInitialTokens = 0;
        }));
        _fake.AddAccount(KeyOf("drifting"), Account(_ => { }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        var fake = _fake ?? throw new InvalidOperationException("the EC2 fake starts in InitializeAsync");
        foreach (var id in new[] { "ambiguous", "stuck", "throttled", "drifting" })
        {
            var prefix = $"CloudBroker:Providers:{id}:";
            settings[prefix + "Driver"] = "ec2";
            settings[prefix + "Region"] = fake.Options.Region;
            settings[prefix + "ServiceUrl"] = fake.ServiceUrl.ToString();
            settings[prefix + "Credentials:AccessKeyId"] = KeyOf(id);
            settings[prefix + "Credentials:SecretAccessKey"] = "not-checked-by-the-fake";
        }

        settings["CloudBroker:Providers:stuck:BuildTimeout"] = "00:00:01";
    }

    // One account per provider, so each fault stays with its provider: AKIA and the id, padded to 20 characters.
    private static string KeyOf(string providerId) => ("AKIA" + providerId.ToUpperInvariant()).PadRight(20, '0');

    private static Ec2FakeOptions Account(Action<Ec2FakeOptions> fault)
    {
        var options = new Ec2FakeOptions
        {
            PendingFor = TimeSpan.FromMilliseconds(300),
            StoppingFor = TimeSpan.FromMilliseconds(150),
            ShuttingDownFor = TimeSpan.FromMilliseconds(100),
        };
        fault(options);
        return options;
    }
}
