using System.Text.Json.Nodes;
using CloudBroker.Testing.Azure;
using Xunit;

namespace CloudBroker.Api.Tests.Workflow.Faults;

/// <summary>
/// The faults on <c>azure</c> providers, each a subscription of its own <see cref="ArmFake"/> (faults are
/// fake-wide): <c>ambiguous</c> (the VM is made, then the PUT answers 500), <c>stuck</c> (VMs never finish
/// creating), <c>drifting</c> (its VMs are deallocated from the portal by a test) and <c>throttled</c> (a write bucket of two tokens refilled at one per second, whose next two writes
/// meet a 429 as if other clients had just spent it).
/// </summary>
public sealed class AzureFaultyProviders : FaultyProviders, IAsyncLifetime
{
    private readonly Dictionary<string, ArmFake> _fakes = [];

    public override string AmbiguousFailure => "500 InternalServerError";

    public override int MinimumThrottledSteps => 2;

    public async ValueTask InitializeAsync()
    {
        _fakes["ambiguous"] = await ArmFake.StartAsync(new ArmFakeOptions { FailAfterCreate = true, CreatingFor = TimeSpan.FromMilliseconds(100) });
        _fakes["stuck"] = await ArmFake.StartAsync(new ArmFakeOptions { NeverReady = true });
        _fakes["throttled"] = await ArmFake.StartAsync(new ArmFakeOptions { WriteBurst = 2, WriteRefillPerSecond = 1, CreatingFor = TimeSpan.FromMilliseconds(100) });
        _fakes["drifting"] = await ArmFake.StartAsync(new ArmFakeOptions { CreatingFor = TimeSpan.FromMilliseconds(100) });
    }

    /// <summary>The portal deallocates the VM (the machine id is the VM's name).</summary>
    public override Task StopBehindTheBrokerAsync(string providerId, string machineId)
    {
        Assert.True(_fakes[providerId].DeallocateFromPortal(machineId), $"VM {machineId} is not running in {providerId}'s subscription");
        return Task.CompletedTask;
    }

    public override JsonObject CreateRequest(string name, string providerId)
    {
        if (providerId == "throttled")
        {
            _fakes[providerId].ThrottleNextWrites(MinimumThrottledSteps);
        }

        return new JsonObject
        {
            ["name"] = name,
            ["providerId"] = providerId,
            ["imageId"] = "ubuntu-22-04",
            ["hardwareProfileId"] = "Standard_B1s",
        };
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        foreach (var (id, fake) in _fakes)
        {
            foreach (var (key, value) in fake.ProviderSettings($"CloudBroker:Providers:{id}:"))
            {
                settings[key] = value;
            }
        }

        settings["CloudBroker:Providers:stuck:BuildTimeout"] = "00:00:01";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var fake in _fakes.Values)
        {
            await fake.DisposeAsync();
        }
    }
}
