namespace CloudBroker.Drivers.Libvirt;

/// <summary>One host of a provider: its realm id and display name, and the libvirt URI that reaches it.</summary>
/// <param name="Host">The network host the URI connects to (<c>null</c> for a local or in-process URI), checked against the endpoint policy before each connection.</param>
internal sealed record RealmAddress(string RealmId, string Name, string Uri, string? Host = null);
