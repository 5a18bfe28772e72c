namespace CloudBroker.Drivers;

/// <param name="MinStorageGiB">The smallest disk the image fits on (its volume's size, rounded up); 0 when any size does.</param>
public sealed record Image(string Id, string Name, string Description, string Architecture, int MinStorageGiB = 0);
