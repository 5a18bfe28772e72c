namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Striped locks so that two calls of this process never create, stop or destroy the same instance at once
/// (a create then never undoes a domain another call defined). Different instances proceed in parallel.
/// </summary>
internal sealed class InstanceLocks
{
    private readonly Lock[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];

    public Lock.Scope Enter(Guid instanceId) => _stripes[(instanceId.GetHashCode() & int.MaxValue) % _stripes.Length].EnterScope();
}
