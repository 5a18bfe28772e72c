namespace CloudBroker.Api.Models;

/// <summary>An image; <c>minStorageGiB</c> is the smallest <c>storageGiB</c> a create with it may ask for (0: any).</summary>
public sealed record ImageModel(string Id, string ProviderId, string Name, string Description, string Architecture, int MinStorageGiB);
