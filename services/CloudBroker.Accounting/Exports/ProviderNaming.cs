namespace CloudBroker.Accounting.Exports;

/// <summary>How a provider's charges name their cloud: FOCUS <c>ProviderName</c> (= <c>PublisherName</c>) and <c>RegionId</c>.</summary>
public sealed record ProviderNaming(string ProviderName, string RegionId);
