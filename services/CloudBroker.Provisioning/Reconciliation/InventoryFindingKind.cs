namespace CloudBroker.Provisioning.Reconciliation;

public enum InventoryFindingKind
{
    /// <summary>A live machine of a live instance: nothing to do.</summary>
    Matched,

    /// <summary>A live machine of a settled instance that does not know the machine's id yet.</summary>
    Linked,

    /// <summary>
    /// A live machine of a settled instance whose settled state at the provider is another (stopped or started behind the
    /// broker's back, or answering again after the instance went to error): the observed state wins.
    /// </summary>
    Drifted,

    /// <summary>A settled instance whose machine the provider no longer lists, or lists terminated.</summary>
    Vanished,

    /// <summary>A live machine of this installation and provider that no live instance owns.</summary>
    Orphan,

    /// <summary>
    /// A live machine of this installation that names no provider (made before machines carried one) and no live
    /// instance owns: it may be another provider's on the same host or account, so it is reported, never adopted or destroyed.
    /// </summary>
    Unattributed,

    /// <summary>A live machine another provider of this installation made (on the same host or account): never touched.</summary>
    OtherProvider,

    /// <summary>A live machine of another installation, or of none.</summary>
    Foreign,
}
