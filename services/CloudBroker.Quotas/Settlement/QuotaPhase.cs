namespace CloudBroker.Quotas.Settlement;

/// <summary>What an instance's state means for its reservations.</summary>
public enum QuotaPhase
{
    /// <summary>Pending, stopping, rebooting, terminating: nothing changes yet.</summary>
    Transitional,

    /// <summary>It runs: its allocation and running reservations become used.</summary>
    Running,

    /// <summary>It exists but does not run: allocation used, running released.</summary>
    Stopped,

    /// <summary>Terminated, error or vanished: everything it holds is released.</summary>
    Gone,
}
