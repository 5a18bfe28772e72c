namespace CloudBroker.Api.Models;

/// <summary>
/// What a size maps to on one provider: the best-fitting hardware profile and the values it would be asked at, and its
/// hourly price for your tenant from the price books (a decimal string, with <c>currency</c>); <c>hardwareProfileId</c>
/// <c>null</c> when no profile of the provider fits.
/// </summary>
public sealed record SizeMatchModel(string ProviderId, string? HardwareProfileId, long? Cpu, long? MemoryMiB, long? StorageGiB, string? HourlyPrice, string Currency);
