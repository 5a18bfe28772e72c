namespace CloudBroker.Api.Models;

/// <summary>A hardware profile; <c>properties</c> holds cpu, memoryMiB, storageGiB and architecture.</summary>
public sealed record HardwareProfileModel(string Id, string ProviderId, string Name, IReadOnlyDictionary<string, ProfilePropertyModel> Properties);
