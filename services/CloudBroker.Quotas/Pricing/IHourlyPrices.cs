namespace CloudBroker.Quotas.Pricing;

/// <summary>
/// The hourly price of a machine from the published price books (Accounting implements it; Quotas only asks), so the
/// budget's estimate and the rated charges read the same prices.
/// </summary>
public interface IHourlyPrices
{
    /// <summary>
    /// What an hour of the machine costs <paramref name="tenantId"/> at <paramref name="at"/> in the broker currency:
    /// its hardware profile's line, or else its meters' lines (vCPUs, GiB of memory, GiB of disk, the machine), the
    /// tenant's own lines before the general ones, then its contract percentage. 0 when no book prices it.
    /// </summary>
    decimal HourlyPrice(string tenantId, string providerId, string hardwareProfileId, long cpu, long memoryMiB, long storageGiB, DateTime at);
}
