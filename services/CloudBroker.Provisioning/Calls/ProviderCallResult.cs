namespace CloudBroker.Provisioning.Calls;

/// <summary>How a provider call that was made ended.</summary>
public enum ProviderCallResult
{
    /// <summary>The provider answered and the driver returned.</summary>
    Answered,

    /// <summary>The driver failed: <see cref="ProviderCallOutcome.Error"/> says how.</summary>
    Failed,

    /// <summary>The caller gave up (shutdown, or its own deadline) before the driver returned.</summary>
    Cancelled,
}
