using System.Diagnostics;
using CloudBroker.Drivers;
using CloudBroker.Provisioning.Health;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Provisioning.Telemetry;

namespace CloudBroker.Provisioning.Calls;

/// <summary>
/// The driver as the broker calls it: the one wrapper around every driver the registry opens (libcloud keeps the same
/// concerns in its connection layer), so no caller can forget them. Each call is paced by its kind
/// (<see cref="ProviderGate"/>: the request budget of creates, changes or reads, and the concurrency limit) and never
/// waits: a call that may not run yet is refused with <see cref="ProviderPacedException"/>, which says when it may and
/// the turn it holds meanwhile. A throttled answer pauses the call's bucket for everyone. Every call that reached the
/// provider is reported to the <see cref="IProviderCallObserver"/>s, for provider health and metrics, and each call is
/// one span (<see cref="ProviderCallSpan"/>). While the provider's circuit is open (<see cref="ProviderHealthBoard"/>: it
/// did not answer repeatedly) calls are refused at once as unreachable, doing nothing, except <see cref="ProbeAsync"/>.
/// What a failure means to a request is <see cref="DriverErrorTable"/>'s.
/// </summary>
public sealed class GatedDriver : ICloudDriver
{
    private readonly ICloudDriver _driver;
    private readonly ProviderGate _gate;
    private readonly IProviderCallObserver[] _observers;
    private readonly ProviderHealthBoard _health;
    private readonly TimeSpan _throttlePause;
    private readonly TimeProvider _time;
    private readonly bool _ownsDriver;
    private HeldTurn? _held;

    /// <param name="throttlePause">How long a throttled answer without its own <c>Retry-After</c> pauses the bucket.</param>
    internal GatedDriver(
        string providerId, ICloudDriver driver, ProviderGate gate, IEnumerable<IProviderCallObserver> observers, ProviderHealthBoard health, TimeSpan throttlePause, TimeProvider time)
    {
        ProviderId = providerId;
        _driver = driver;
        _gate = gate;
        _observers = [.. observers, health];
        _health = health;
        _throttlePause = throttlePause;
        _time = time;
        _ownsDriver = true;
    }

    private GatedDriver(GatedDriver of, HeldTurn? held)
    {
        ProviderId = of.ProviderId;
        _driver = of._driver;
        _gate = of._gate;
        _observers = of._observers;
        _health = of._health;
        _throttlePause = of._throttlePause;
        _time = of._time;
        _held = held;
    }

    /// <summary>The name a probe's outcome carries.</summary>
    public const string ProbeCall = "Probe";

    public string ProviderId { get; }

    /// <summary>What the provider's calls, in every process, say of it now.</summary>
    public ProviderHealth Health => _health.Of(ProviderId);

    /// <summary>The concurrency limit and request budgets the calls are paced by.</summary>
    public ProviderLimits Limits => _gate.Limits;

    public IReadOnlySet<string> Capabilities => _driver.Capabilities;

    /// <summary>
    /// The same driver for a caller that holds <paramref name="turn"/>: its first call of the turn's kind uses that
    /// token instead of taking another. A view serves one caller at a time, and disposing it leaves the driver open.
    /// </summary>
    public GatedDriver Holding(HeldTurn? turn) => turn is null ? this : new GatedDriver(this, turn);

    /// <summary>
    /// Makes a call at its turn, for a caller that is not a workflow step (it has no timer row to come back with): a
    /// turn within <paramref name="patience"/> is waited for, holding it; a later one is refused as always, with
    /// <see cref="ProviderPacedException"/>.
    /// </summary>
    public async Task<T> AtTurnAsync<T>(Func<GatedDriver, Task<T>> call, TimeSpan patience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var latest = Now + patience;
        HeldTurn? held = null;
        while (true)
        {
            try
            {
                return await call(Holding(held));
            }
            catch (ProviderPacedException paced) when (paced.Until <= latest)
            {
                held = paced.Turn;
                var wait = paced.Until - Now;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, cancellationToken);
            }
        }
    }

    /// <inheritdoc cref="AtTurnAsync{T}"/>
    public Task AtTurnAsync(Func<GatedDriver, Task> call, TimeSpan patience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return AtTurnAsync(async driver =>
        {
            await call(driver);
            return true;
        }, patience, cancellationToken);
    }

    /// <summary>
    /// A light call the provider must answer (its realms, read as a read), made even while the circuit is open: the health
    /// monitor's probe, and the provider test. A provider that answers but none of whose realms do (every libvirt host
    /// down) fails it as unreachable.
    /// </summary>
    public Task<IReadOnlyList<Realm>> ProbeAsync(CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Read, ProbeCall, async (d, ct) =>
        {
            var realms = await d.ListRealmsAsync(ct);
            return realms.Count > 0 && realms.All(r => !r.Available)
                ? throw new DriverException(DriverErrorKind.Unavailable, $"none of its {realms.Count} realms answers")
                : realms;
        }, cancellationToken, probe: true);

    public Task<IReadOnlyList<Realm>> ListRealmsAsync(CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Read, "ListRealms", (d, ct) => d.ListRealmsAsync(ct), cancellationToken);

    public Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Read, "ListImages", (d, ct) => d.ListImagesAsync(ct), cancellationToken);

    public Task<IReadOnlyList<HardwareProfile>> ListHardwareProfilesAsync(CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Read, "ListHardwareProfiles", (d, ct) => d.ListHardwareProfilesAsync(ct), cancellationToken);

    public Task<IReadOnlyList<DriverInstance>> ListInstancesAsync(CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Read, "ListInstances", (d, ct) => d.ListInstancesAsync(ct), cancellationToken);

    public Task<DriverInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Read, "GetInstance", (d, ct) => d.GetInstanceAsync(instanceId, ct), cancellationToken);

    public Task<DriverInstance> CreateInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Create, "CreateInstance", (d, ct) => d.CreateInstanceAsync(spec, ct), cancellationToken);

    public Task StartInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Change, "StartInstance", (d, ct) => d.StartInstanceAsync(instanceId, ct), cancellationToken);

    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Change, "StopInstance", (d, ct) => d.StopInstanceAsync(instanceId, ct), cancellationToken);

    public Task RebootInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Change, "RebootInstance", (d, ct) => d.RebootInstanceAsync(instanceId, ct), cancellationToken);

    public Task<IReadOnlyList<RealmCapacity>> ReadCapacityAsync(CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Read, "ReadCapacity", (d, ct) => d.ReadCapacityAsync(ct), cancellationToken);

    public Task DestroyInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync(ProviderCallKind.Change, "DestroyInstance", (d, ct) => d.DestroyInstanceAsync(instanceId, ct), cancellationToken);

    /// <summary>Closes the driver (the registry does, once its provider is gone); a <see cref="Holding"/> view closes nothing.</summary>
    public ValueTask DisposeAsync() => _ownsDriver ? _driver.DisposeAsync() : ValueTask.CompletedTask;

    private Task<bool> CallAsync(ProviderCallKind kind, string call, Func<ICloudDriver, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        CallAsync(kind, call, async (d, ct) =>
        {
            await body(d, ct);
            return true;
        }, cancellationToken);

    private async Task<T> CallAsync<T>(
        ProviderCallKind kind, string call, Func<ICloudDriver, CancellationToken, Task<T>> body, CancellationToken cancellationToken, bool probe = false)
    {
        if (!probe && _health.Refuses(ProviderId))
        {
            throw new DriverException(DriverErrorKind.Unavailable,
                $"provider '{ProviderId}' was not called: it did not answer repeatedly and its circuit is open (its reason is for admins, on the provider)");
        }

        using var span = ProviderCallSpan.Start(ProviderId, kind, call);
        var entry = await _gate.EnterAsync(kind, TakeHeld(kind)?.At, cancellationToken);
        if (!entry.Entered)
        {
            ProviderCallSpan.Paced(span, ProviderId, kind, entry.RetryIn);
            throw new ProviderPacedException(ProviderId, kind, Now + entry.RetryIn, entry.Turn is { } turn ? new HeldTurn(kind, turn) : null);
        }

        var startedAt = Now;
        var started = _time.GetTimestamp();
        try
        {
            var result = await body(_driver, cancellationToken);
            Report(span, new ProviderCallOutcome(ProviderId, kind, call, ProviderCallResult.Answered, null, startedAt, _time.GetElapsedTime(started)));
            return result;
        }
        catch (Exception ex)
        {
            var (result, error) = ex switch
            {
                DriverException failed => (ProviderCallResult.Failed, failed.Kind),
                OperationCanceledException when cancellationToken.IsCancellationRequested => (ProviderCallResult.Cancelled, (DriverErrorKind?)null),
                _ => (ProviderCallResult.Failed, null),
            };
            Report(span, new ProviderCallOutcome(ProviderId, kind, call, result, error, startedAt, _time.GetElapsedTime(started),
                result == ProviderCallResult.Failed ? ex.Message : null));
            if (ex is DriverException { Kind: DriverErrorKind.Throttled } throttled)
            {
                // The provider's bucket is behind ours: every caller of this kind waits, not only this one.
                await _gate.ThrottledAsync(kind, throttled.RetryAfter ?? _throttlePause, cancellationToken);
            }

            throw;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>The held turn, for the first call of its kind only; later calls take tokens of their own.</summary>
    private HeldTurn? TakeHeld(ProviderCallKind kind)
    {
        if (_held is { } held && held.Kind == kind)
        {
            _held = null;
            return held;
        }

        return null;
    }

    private void Report(Activity? span, ProviderCallOutcome outcome)
    {
        ProviderCallSpan.Ended(span, outcome);
        foreach (var observer in _observers)
        {
            observer.Observe(outcome);
        }
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;
}
