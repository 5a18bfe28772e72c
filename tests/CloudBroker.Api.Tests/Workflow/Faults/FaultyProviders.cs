using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Workflow.Faults;

/// <summary>
/// An API whose providers each misbehave in one way, on some driver: <c>ambiguous</c> (every create makes the
/// machine, then fails), <c>stuck</c> (machines never leave pending; 1 s build timeout) and <c>throttled</c>
/// (creates are often throttled) and <c>drifting</c> (no fault of its own: a test stops its machines behind the broker's
/// back, as a console or a guest's <c>poweroff</c> does). <see cref="WorkflowFaultTests{TFactory}"/> runs the same faults
/// on every driver.
/// </summary>
public abstract class FaultyProviders : ApiFactory
{
    /// <summary>A valid create body for <paramref name="providerId"/> on this driver's catalog.</summary>
    public abstract JsonObject CreateRequest(string name, string providerId);

    /// <summary>What the retried step of an ambiguous create says the first failure was.</summary>
    public abstract string AmbiguousFailure { get; }

    /// <summary>Stops machine <paramref name="machineId"/> of <paramref name="providerId"/> at the provider, not through the broker.</summary>
    public abstract Task StopBehindTheBrokerAsync(string providerId, string machineId);

    /// <summary>How many throttled steps the <c>throttled</c> provider causes at least, for one create.</summary>
    public virtual int MinimumThrottledSteps => 1;
}
