using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Mock;

/// <summary>
/// The mock cloud behind the SPI. Every call: check the credentials, wait <see cref="MockDriverOptions.Latency"/>, roll that verb's
/// fault dice, then act on the shared SQLite file. States are computed from the clock at read time.
/// </summary>
internal sealed class MockDriver : ICloudDriver
{
    private readonly string _providerId;
    private readonly MockDriverOptions _options;
    private readonly MockStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MockFaults _faults;
    private readonly IReadOnlyList<HardwareProfile> _profiles;

    public MockDriver(string providerId, MockDriverOptions options, MockStore store, TimeProvider time, ILogger logger)
    {
        _providerId = providerId;
        _options = options;
        _store = store;
        _time = time;
        _logger = logger;
        _faults = new MockFaults(options.Seed, options.Faults);
        Capabilities = options.Capabilities();
        _profiles = MockCatalog.Profiles(Capabilities.Contains(Capability.ProfileRanges));
    }

    public IReadOnlySet<string> Capabilities { get; }

    public async Task<IReadOnlyList<Realm>> ListRealmsAsync(CancellationToken cancellationToken)
    {
        await WaitLatencyAsync(cancellationToken);
        return MockCatalog.Realms;
    }

    public async Task<IReadOnlyList<RealmCapacity>> ReadCapacityAsync(CancellationToken cancellationToken)
    {
        await WaitLatencyAsync(cancellationToken);
        return [.. _options.Capacity.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new RealmCapacity(c.Key, c.Value.Cpu, c.Value.MemoryMiB, c.Value.StorageGiB))];
    }

    public async Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellationToken)
    {
        await WaitLatencyAsync(cancellationToken);
        return MockCatalog.Images;
    }

    public async Task<IReadOnlyList<HardwareProfile>> ListHardwareProfilesAsync(CancellationToken cancellationToken)
    {
        await WaitLatencyAsync(cancellationToken);
        return _profiles;
    }

    public async Task<IReadOnlyList<DriverInstance>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(MockVerb.List, cancellationToken);
        var now = _time.GetUtcNow();
        var machines = await _store.ReadAsync(s => s.ListVisible(now - _options.TerminatedRetention), cancellationToken);
        return [.. machines.Select(m => m.ToDriverInstance(now))];
    }

    public async Task<DriverInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnterAsync(MockVerb.Get, cancellationToken);
        var now = _time.GetUtcNow();
        var machine = await _store.ReadAsync(s => s.FindById(instanceId), cancellationToken);
        return machine is null || machine.IsPurged(now, _options.TerminatedRetention) ? null : machine.ToDriverInstance(now);
    }

    public async Task<DriverInstance> CreateInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var roll = await EnterAsync(MockVerb.Create, cancellationToken);
        var realmId = MockSpecValidator.Check(spec, Capabilities, _profiles);
        var specHash = SpecHash(spec);
        var (machine, made) = await _store.WriteAsync(
            session =>
            {
                // A token seen before answers with its machine, whatever state it is in now (EC2's ClientToken).
                if (session.FindByToken(spec.IdempotencyToken) is { } existing)
                {
                    return existing.SpecHash == specHash
                        ? (existing, false)
                        : throw new DriverException(
                            DriverErrorKind.InvalidRequest,
                            $"idempotency token '{spec.IdempotencyToken}' was used for a different request (instance {existing.Id})");
                }

                var now = _time.GetUtcNow();
                var id = MockHash.InstanceId(_options.Seed, session.NextCounter("instances"));
                var created = new MockMachine(
                    id, spec.IdempotencyToken, specHash, spec.Name, realmId, spec.ImageId, spec.HardwareProfileId,
                    spec.Cpu, spec.MemoryMiB, spec.StorageGiB, new Dictionary<string, string>(spec.Tags),
                    MockLifecycle.Create(now, _options.BootDelay, roll.StuckPending), now, TerminatedAt: null);
                session.Insert(created);
                return (created, true);
            },
            cancellationToken);

        if (made && roll.FailAfterCreate)
        {
            MockLog.FaultInjected(_logger, _providerId, "a timeout after the machine was made", MockVerb.Create, roll.Call);
            throw new DriverException(
                DriverErrorKind.Timeout,
                $"mock provider '{_providerId}' timed out (injected fault, create call {roll.Call}); the machine may exist");
        }

        return machine.ToDriverInstance(_time.GetUtcNow());
    }

    public Task StartInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        ChangeAsync(MockVerb.Start, Capability.StartStop, instanceId,
            (current, now) => MockLifecycle.Start(instanceId, current, now, _options.StartDelay), cancellationToken);

    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        ChangeAsync(MockVerb.Stop, Capability.StartStop, instanceId,
            (current, now) => MockLifecycle.Stop(instanceId, current, now, _options.StopDelay), cancellationToken);

    public Task RebootInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        ChangeAsync(MockVerb.Reboot, Capability.Reboot, instanceId,
            (current, now) => MockLifecycle.Reboot(instanceId, current, now, _options.RebootDelay), cancellationToken);

    public async Task DestroyInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnterAsync(MockVerb.Destroy, cancellationToken);
        await _store.WriteAsync(
            session =>
            {
                var now = _time.GetUtcNow();
                var machine = session.FindById(instanceId);
                if (machine is null || machine.IsPurged(now, _options.TerminatedRetention))
                {
                    return false;
                }

                var phase = MockLifecycle.Destroy(machine.Phase.At(now), now, _options.DestroyDelay);
                if (phase is not null)
                {
                    session.UpdatePhase(instanceId, phase, terminatedAt: phase.NextAt);
                }

                return phase is not null;
            },
            cancellationToken);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private async Task ChangeAsync(
        MockVerb verb, string capability, string instanceId, Func<string, DateTimeOffset, MockPhase> next, CancellationToken cancellationToken)
    {
        if (!Capabilities.Contains(capability))
        {
            throw new DriverException(DriverErrorKind.InvalidRequest, $"this provider does not support {capability}");
        }

        await EnterAsync(verb, cancellationToken);
        await _store.WriteAsync(
            session =>
            {
                var now = _time.GetUtcNow();
                var machine = session.FindById(instanceId);
                if (machine is null || machine.IsPurged(now, _options.TerminatedRetention))
                {
                    throw new DriverException(DriverErrorKind.NotFound, $"instance {instanceId} does not exist");
                }

                session.UpdatePhase(instanceId, next(machine.Phase.At(now), now), machine.TerminatedAt);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Latency, then the verb's fault dice: a failed or throttled call has done nothing.</summary>
    private async Task<MockFaultRoll> EnterAsync(MockVerb verb, CancellationToken cancellationToken)
    {
        await WaitLatencyAsync(cancellationToken);
        if (!_faults.IsArmed(verb))
        {
            return MockFaultRoll.None;
        }

        // The call number is persisted, so dice continue across restarts and across processes.
        var call = await _store.WriteAsync(s => s.NextCounter(MockFaults.CounterName(verb)), cancellationToken);
        var roll = _faults.Roll(verb, call);
        if (roll.Fail)
        {
            MockLog.FaultInjected(_logger, _providerId, "unavailability", verb, call);
            throw new DriverException(
                DriverErrorKind.Unavailable, $"mock provider '{_providerId}' is unavailable (injected fault, {verb} call {call})");
        }

        if (roll.Throttle)
        {
            MockLog.FaultInjected(_logger, _providerId, "throttling", verb, call);
            throw new DriverException(
                DriverErrorKind.Throttled,
                $"mock provider '{_providerId}' is throttling (injected fault, {verb} call {call})",
                _faults.RetryAfter(verb));
        }

        return roll;
    }

    private async Task WaitLatencyAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_options.Credentials is { AreAccepted: false })
        {
            // Never the values given: the message ends up in logs and problems.
            throw new DriverException(
                DriverErrorKind.Authentication,
                $"mock provider '{_providerId}' refused its credentials (it accepts only user '{MockCredentials.AcceptedUsername}' with the mock's documented password)");
        }

        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, _time, cancellationToken);
        }

        // A stall set from the console (MockConsole.StallAsync) holds every call that begins while it lasts.
        var stall = await _store.ReadAsync(s => s.ReadCounter(MockConsole.StallCounter), cancellationToken);
        if (stall is { } stalledUntil && DateTimeOffset.FromUnixTimeMilliseconds(stalledUntil) - _time.GetUtcNow() is { Ticks: > 0 } left)
        {
            await Task.Delay(left, _time, cancellationToken);
        }

        // An outage set from the console (MockConsole.CutOffAsync) holds for every driver on the file.
        var outage = await _store.ReadAsync(s => s.ReadCounter(MockConsole.OutageCounter), cancellationToken);
        if (outage is { } until && _time.GetUtcNow().ToUnixTimeMilliseconds() < until)
        {
            throw new DriverException(
                DriverErrorKind.Unavailable,
                $"mock provider '{_providerId}' cannot be reached (cut off until {DateTimeOffset.FromUnixTimeMilliseconds(until):yyyy-MM-ddTHH:mm:ssZ})");
        }
    }

    // What a token must keep meaning: the machine asked for, not its name tags or key.
    private static string SpecHash(InstanceSpec spec) =>
        MockHash.Of(spec.ImageId, spec.HardwareProfileId, spec.RealmId ?? "", spec.Cpu.ToString(),
            spec.MemoryMiB.ToString(), spec.StorageGiB.ToString()).ToString("x16");
}
