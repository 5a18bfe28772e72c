namespace CloudBroker.Provisioning.Providers;

/// <summary>The gate's answer: in, or how long to wait before asking again.</summary>
/// <param name="TokenHeld">Whether the caller was given a request token for later: it comes back after
/// <paramref name="RetryIn"/> and enters without taking another (see <see cref="IProviderPacing"/>).</param>
public readonly record struct GateEntry(bool Entered, TimeSpan RetryIn, bool TokenHeld = false);
