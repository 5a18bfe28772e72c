namespace CloudBroker.Drivers;

public sealed record Image(string Id, string Name, string Description, string Architecture);
