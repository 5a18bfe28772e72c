namespace CloudBroker.Drivers.Libvirt;

/// <summary>One host of a provider: its realm id and display name, and the libvirt URI that reaches it.</summary>
internal sealed record RealmAddress(string RealmId, string Name, string Uri);
