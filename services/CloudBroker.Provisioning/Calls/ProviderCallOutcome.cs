using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Calls;

/// <summary>
/// One call the broker made to a provider, as <see cref="GatedDriver"/> saw it: which provider, which verb of the
/// driver SPI and the kind of call it is paced as, how it ended, when it started and how long it took. Calls the pacing
/// refused never reached the provider and are not outcomes.
/// </summary>
/// <param name="Call">The driver verb, e.g. <c>CreateInstance</c>, <c>ListRealms</c>.</param>
/// <param name="Error">The driver's error kind when <paramref name="Result"/> is <see cref="ProviderCallResult.Failed"/>;
/// <c>null</c> otherwise, and for a failure that was not a <see cref="DriverException"/> (a driver bug).</param>
/// <param name="At">When the call started (UTC).</param>
/// <param name="Detail">What the driver said of a failure (for admins: it may quote the provider).</param>
public sealed record ProviderCallOutcome(
    string ProviderId, ProviderCallKind Kind, string Call, ProviderCallResult Result, DriverErrorKind? Error, DateTime At, TimeSpan Duration,
    string? Detail = null);
