namespace CloudBroker.Drivers;

/// <summary>A location inside a provider (a libvirt host, an availability zone).</summary>
public sealed record Realm(string Id, string Name, bool Available);
