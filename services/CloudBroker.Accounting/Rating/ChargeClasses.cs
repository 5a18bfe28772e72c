namespace CloudBroker.Accounting.Rating;

/// <summary>A charge's class, as FOCUS names it: null for a regular charge, <see cref="Correction"/> for one billed in the open period to correct a closed one.</summary>
public static class ChargeClasses
{
    public const string Correction = "Correction";
}
