namespace CloudBroker.Api.Models;

public sealed record ImageModel(string Id, string ProviderId, string Name, string Description, string Architecture);
