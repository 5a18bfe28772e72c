namespace CloudBroker.Accounting.Pricing;

/// <summary>How a line's tiers apply to a tenant's quantity of its SKU in a calendar month (UTC).</summary>
public static class TierModes
{
    /// <summary>One unit price for every quantity.</summary>
    public const string Flat = "flat";

    /// <summary>Each tier prices the part of the month-to-date quantity inside it, in time order: earlier usage is never re-priced.</summary>
    public const string Graduated = "graduated";

    /// <summary>The month's total quantity picks one tier, whose price applies to the whole month (open-month charges change until it closes).</summary>
    public const string Volume = "volume";

    public static readonly IReadOnlyList<string> All = [Flat, Graduated, Volume];
}
