using System.Text.Json.Nodes;

namespace CloudBroker.Testing.Azure;

/// <summary>
/// One virtual machine: the body last PUT (as sent), its provisioning and power states, and the one transition under
/// way. Time moves states on lazily, whenever the VM is looked at.
/// </summary>
internal sealed class FakeVm(string name, JsonObject sent, DateTimeOffset created)
{
    private Transition? _next;

    public string Name { get; } = name;

    public string VmId { get; } = Guid.NewGuid().ToString();

    public DateTimeOffset TimeCreated { get; } = created;

    /// <summary>The last accepted request body (location, tags, zones, properties), secrets included.</summary>
    public JsonObject Sent { get; set; } = sent;

    public string Provisioning { get; private set; } = "Creating";

    /// <summary>The power state word (<c>running</c>, <c>deallocated</c>…); <c>null</c> while it has none.</summary>
    public string? Power { get; private set; }

    /// <summary>Whether a delete finished: the VM is gone.</summary>
    public bool Removed { get; private set; }

    /// <summary>When the transition under way ends (<c>null</c>: never); <see cref="DateTimeOffset.MinValue"/> when none is.</summary>
    public DateTimeOffset? Settles => _next is null ? DateTimeOffset.MinValue : _next.At;

    /// <summary>Enters the transient states now and the end states after <paramref name="duration"/> (never when null).</summary>
    public DateTimeOffset? Begin(DateTimeOffset now, string provisioning, string? power, TimeSpan? duration, string endProvisioning, string? endPower, bool removes = false)
    {
        Provisioning = provisioning;
        Power = power;
        var at = duration is { } d ? now + d : (DateTimeOffset?)null;
        _next = new Transition(at, endProvisioning, endPower, removes);
        return at;
    }

    public void Settle(DateTimeOffset now)
    {
        if (_next is { At: { } at } next && now >= at)
        {
            Provisioning = next.Provisioning;
            Power = next.Power;
            Removed = next.Removes;
            _next = null;
        }
    }

    private sealed record Transition(DateTimeOffset? At, string Provisioning, string? Power, bool Removes);
}
