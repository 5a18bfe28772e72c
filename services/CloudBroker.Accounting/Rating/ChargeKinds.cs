namespace CloudBroker.Accounting.Rating;

/// <summary>What a charge is for: metered usage, or a SKU's fixed monthly fee prorated by the seconds the instance exists.</summary>
public static class ChargeKinds
{
    public const string Usage = "usage";

    public const string Fee = "fee";
}
