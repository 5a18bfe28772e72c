namespace CloudBroker.Accounting.Pricing;

/// <summary>The content of a draft version: its range, lines and tenant contracts.</summary>
public sealed record PriceBookDraft(DateTime EffectiveFrom, DateTime? EffectiveTo, IReadOnlyList<PriceLineDraft> Lines, IReadOnlyList<ContractDraft> Contracts);
