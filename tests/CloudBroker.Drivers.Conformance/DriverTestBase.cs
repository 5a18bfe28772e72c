using Xunit;

namespace CloudBroker.Drivers.Conformance;

/// <summary>
/// Opens one driver per test, builds valid specs from its own catalog, waits for states by polling, and
/// destroys every machine a test made. Time passes through <see cref="AdvanceAsync"/>, so a time-driven
/// driver can run the suite on a fake clock.
/// </summary>
public abstract class DriverTestBase : IAsyncLifetime
{
    private readonly List<string> _created = [];
    private ICloudDriver? _driver;

    /// <summary>The driver under test, opened before each test.</summary>
    protected ICloudDriver Driver => _driver ?? throw new InvalidOperationException("the driver is opened by InitializeAsync");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How long to wait between polls of an instance.</summary>
    protected virtual TimeSpan PollInterval => TimeSpan.FromMilliseconds(250);

    /// <summary>How long an instance may take to reach a state (measured as the sum of the waits between polls).</summary>
    protected virtual TimeSpan StateTimeout => TimeSpan.FromMinutes(3);

    /// <summary>An id in the provider's format that no machine has.</summary>
    protected virtual string UnknownInstanceId => "i-0000000000000000";

    protected virtual string InstallationId => "conformance";

    /// <summary>The provider id the broker stamps beside the installation id (the core passes it as a tag).</summary>
    protected virtual string ProviderId => "conformance-provider";

    public virtual async ValueTask InitializeAsync() => _driver = await CreateDriverAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_driver is null)
        {
            return;
        }

        // Best effort, so a test against a real provider leaves nothing behind; the test's token may be cancelled by now.
        foreach (var id in _created)
        {
            try
            {
                await _driver.DestroyInstanceAsync(id, CancellationToken.None);
            }
            catch (DriverException)
            {
            }
        }

        await _driver.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<ICloudDriver> CreateDriverAsync();

    /// <summary>Lets time pass between polls. Real drivers wait; a driver on a fake clock advances it.</summary>
    protected virtual Task AdvanceAsync(TimeSpan by) => Task.Delay(by, Ct);

    protected virtual Image PickImage(IReadOnlyList<Image> images) => images[0];

    protected virtual HardwareProfile PickProfile(IReadOnlyList<HardwareProfile> profiles) => profiles[0];

    /// <summary>A valid spec from the driver's catalog, with the profile's defaults, a fresh token and broker tags.</summary>
    protected async Task<InstanceSpec> NewSpecAsync(string? realmId = null)
    {
        var image = PickImage(await Driver.ListImagesAsync(Ct));
        var profile = PickProfile(await Driver.ListHardwareProfilesAsync(Ct));
        var instanceId = Guid.CreateVersion7().ToString();
        var tags = new Dictionary<string, string>
        {
            [BrokerTags.InstallationId] = InstallationId,
            [BrokerTags.ProviderId] = ProviderId,
            [BrokerTags.InstanceId] = instanceId,
        };
        return new InstanceSpec(
            IdempotencyToken: $"conformance-{Guid.NewGuid():N}",
            InstanceId: instanceId,
            Name: $"conf-{Guid.NewGuid():N}"[..13],
            ImageId: image.Id,
            HardwareProfileId: profile.Id,
            RealmId: realmId,
            Cpu: (int)profile.Cpu.Default,
            MemoryMiB: (int)profile.MemoryMiB.Default,
            StorageGiB: (int)profile.StorageGiB.Default,
            SshKey: null,
            UserData: null,
            Tags: tags);
    }

    /// <summary>Creates a machine and remembers it for clean-up.</summary>
    protected async Task<DriverInstance> CreateAsync(InstanceSpec spec)
    {
        var instance = await Driver.CreateInstanceAsync(spec, Ct);
        if (!_created.Contains(instance.Id))
        {
            _created.Add(instance.Id);
        }

        return instance;
    }

    protected async Task<DriverInstance> WaitForStateAsync(string instanceId, DriverInstanceState state) =>
        (await WaitUntilAsync(instanceId, i => i?.State == state, state.ToString()))!;

    /// <summary>Polls until <paramref name="done"/> holds; fails the test with the last state seen when it takes too long.</summary>
    protected async Task<DriverInstance?> WaitUntilAsync(string instanceId, Func<DriverInstance?, bool> done, string what)
    {
        var waited = TimeSpan.Zero;
        var lastSeen = "nothing yet";
        while (true)
        {
            try
            {
                var instance = await Driver.GetInstanceAsync(instanceId, Ct);
                if (done(instance))
                {
                    return instance;
                }

                lastSeen = instance is null ? "gone (null)" : $"{instance.State} (native {instance.NativeState})";
            }
            catch (DriverException ex) when (ex.IsTransient)
            {
                lastSeen = $"a transient {ex.Kind} error: {ex.Message}";
            }

            if (waited >= StateTimeout)
            {
                Assert.Fail($"instance {instanceId} did not become {what} within {StateTimeout}; last seen: {lastSeen}");
            }

            await AdvanceAsync(PollInterval);
            waited += PollInterval;
        }
    }
}
