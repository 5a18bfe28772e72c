namespace CloudBroker.Accounting.Pricing;

/// <summary>A tenant's contract percentage as an admin writes it into a draft.</summary>
public sealed record ContractDraft(string TenantId, decimal Percent);
