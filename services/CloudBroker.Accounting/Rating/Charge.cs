namespace CloudBroker.Accounting.Rating;

/// <summary>
/// What one instance owes for one SKU (and meter) on one UTC day under one price-book version, at full decimal
/// precision (rounding belongs to export). <see cref="Id"/> is a hash of everything that keys it, so rating the same
/// usage with the same prices gives the same rows. Three amounts: <see cref="ListAmount"/> at the general line,
/// <see cref="ContractedAmount"/> at the line that applies to the tenant (its own, else the general one), and
/// <see cref="BilledAmount"/>, the contracted amount after the tenant's contract percentage. A charge belongs to one
/// <see cref="BillingPeriod"/>: the month of its day for regular charges, the open period for a
/// <see cref="ChargeClasses.Correction"/> of a closed one (<see cref="CorrectsChargeId"/> names what it corrects).
/// </summary>
public sealed class Charge
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string GroupId { get; init; }

    public required string InstanceId { get; init; }

    public required string ProviderId { get; init; }

    /// <summary>The user who owns the instance.</summary>
    public required string OwnerId { get; init; }

    /// <summary>The instance's realm (availability zone), if its provider has realms.</summary>
    public string? RealmId { get; init; }

    /// <summary>The instance's tags in force during the charged usage, a JSON object with keys in ordinal order (a tag change splits the charge).</summary>
    public required string Tags { get; init; }

    /// <summary>The line's SKU: the hardware profile, or the meter.</summary>
    public required string Sku { get; init; }

    /// <summary>The meter rated (<c>instance-hours</c> for a hardware profile's price); the meter the instance's existence is read from for a fee.</summary>
    public required string Meter { get; init; }

    /// <summary>One of <see cref="ChargeKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The UTC day (midnight) of the usage charged; for a correction, the day of the charge it corrects.</summary>
    public DateTime Day { get; init; }

    /// <summary>The billing period (its month's first instant, UTC) the charge is billed in: see <c>BillingPeriods</c>.</summary>
    public DateTime BillingPeriod { get; init; }

    /// <summary>Null for a regular charge; <see cref="ChargeClasses.Correction"/> for one that corrects a closed period.</summary>
    public string? ChargeClass { get; init; }

    /// <summary>
    /// For a correction: the id of the charge of the closed period it corrects — the id rating gives that charge, which
    /// is absent from the closed period when the correction is for usage that arrived after it closed.
    /// </summary>
    public string? CorrectsChargeId { get; init; }

    /// <summary>The price-book version of the contracted line.</summary>
    public required string PriceBookId { get; init; }

    public int PriceBookVersion { get; init; }

    /// <summary>Unit-hours of usage (hours of existence for a fee).</summary>
    public decimal Quantity { get; init; }

    public decimal ListAmount { get; init; }

    public decimal ContractedAmount { get; init; }

    public decimal BilledAmount { get; init; }

    /// <summary>The contract percentage applied (0 without a contract).</summary>
    public decimal ContractPercent { get; init; }
}
