namespace CloudBroker.Api.Models;

public sealed record HealthModel(string Status, IReadOnlyDictionary<string, string> Checks);
