using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// A driver whose answers a test scripts: every verb counts its calls, then fails with <see cref="NextFailure"/> (once)
/// or waits for <see cref="Hold"/> when set, and otherwise answers at once.
/// </summary>
internal sealed class ScriptedDriver : ICloudDriver
{
    private static readonly DriverInstance Machine = new("i-1", "m", null, null, null, DriverInstanceState.Running, "running", [], new Dictionary<string, string>());

    public int Calls { get; private set; }

    /// <summary>The next call's failure (thrown once).</summary>
    public Exception? NextFailure { get; set; }

    /// <summary>While set, calls wait for it (a call in flight).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public IReadOnlySet<string> Capabilities { get; } = new HashSet<string> { Capability.StartStop };

    /// <summary>What a listing answers (one running machine unless set).</summary>
    public IReadOnlyList<DriverInstance> Listed { get; set; } = [Machine];

    /// <summary>The ids destroy was called with, in order.</summary>
    public List<string> Destroyed { get; } = [];

    public bool Disposed { get; private set; }

    public Task<IReadOnlyList<Realm>> ListRealmsAsync(CancellationToken cancellationToken) => AnswerAsync<IReadOnlyList<Realm>>([new Realm("r", "R", true)], cancellationToken);

    public Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellationToken) => AnswerAsync<IReadOnlyList<Image>>([], cancellationToken);

    public Task<IReadOnlyList<HardwareProfile>> ListHardwareProfilesAsync(CancellationToken cancellationToken) => AnswerAsync<IReadOnlyList<HardwareProfile>>([], cancellationToken);

    public Task<IReadOnlyList<DriverInstance>> ListInstancesAsync(CancellationToken cancellationToken) => AnswerAsync(Listed, cancellationToken);

    public Task<DriverInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) => AnswerAsync<DriverInstance?>(Machine, cancellationToken);

    public Task<DriverInstance> CreateInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken) => AnswerAsync(Machine, cancellationToken);

    public Task StartInstanceAsync(string instanceId, CancellationToken cancellationToken) => AnswerAsync(true, cancellationToken);

    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken) => AnswerAsync(true, cancellationToken);

    public Task RebootInstanceAsync(string instanceId, CancellationToken cancellationToken) => AnswerAsync(true, cancellationToken);

    public Task DestroyInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        Destroyed.Add(instanceId);
        return AnswerAsync(true, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private async Task<T> AnswerAsync<T>(T answer, CancellationToken cancellationToken)
    {
        Calls++;
        if (NextFailure is { } failure)
        {
            NextFailure = null;
            throw failure;
        }

        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return answer;
    }
}
