namespace CloudBroker.Drivers;

/// <summary>
/// The kinds of provider call that clouds meter separately (EC2 gives RunInstances its own request bucket,
/// ARM counts writes apart from reads), so each can have a budget of its own.
/// </summary>
public enum ProviderCallKind
{
    /// <summary>Making a machine (EC2 RunInstances, an ARM PUT of a VM).</summary>
    Create,

    /// <summary>Changing one: start, stop, reboot, destroy.</summary>
    Change,

    /// <summary>Looking: the state checks the workflow polls with.</summary>
    Read,
}
