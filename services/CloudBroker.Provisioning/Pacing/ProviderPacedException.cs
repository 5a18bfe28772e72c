using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// A provider call that may not run yet, refused before it reached the provider: the provider's request budget for
/// its kind has no token now, or this process already makes <see cref="ProviderLimits.MaxConcurrency"/> calls to it.
/// Nothing waits: the caller comes back at <see cref="Until"/> holding <see cref="Turn"/> (a workflow step as a timer
/// row, a background loop by waiting if it may). Not a <see cref="DriverException"/>: the provider said nothing.
/// </summary>
public sealed class ProviderPacedException : Exception
{
    public ProviderPacedException(string providerId, ProviderCallKind kind, DateTime until, HeldTurn? turn)
        : base($"provider '{providerId}': no turn for a {kind.ToString().ToLowerInvariant()} call before {until:yyyy-MM-ddTHH:mm:ss.fffZ}")
    {
        ProviderId = providerId;
        Kind = kind;
        Until = until;
        Turn = turn;
    }

    public ProviderPacedException()
        : this("", ProviderCallKind.Read, DateTime.MinValue, null)
    {
    }

    public ProviderPacedException(string message)
        : base(message)
    {
        ProviderId = "";
    }

    public ProviderPacedException(string message, Exception innerException)
        : base(message, innerException)
    {
        ProviderId = "";
    }

    public string ProviderId { get; }

    public ProviderCallKind Kind { get; }

    /// <summary>When the call may run (UTC).</summary>
    public DateTime Until { get; }

    /// <summary>The token held for that turn; <c>null</c> when only the concurrency limit refused (no token was taken).</summary>
    public HeldTurn? Turn { get; }
}
