namespace CloudBroker.Api.Models;

/// <summary>The answer of <c>POST /api/providers/{id}/test</c>: the provider answered, how fast, and how many realms it has.</summary>
public sealed record ProviderTestModel(bool Ok, long LatencyMs, int Realms);
