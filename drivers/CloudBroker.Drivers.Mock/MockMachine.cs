namespace CloudBroker.Drivers.Mock;

/// <summary>One machine row of the mock cloud.</summary>
/// <param name="SpecHash">Fingerprint of the create request, to refuse a token reused for a different machine.</param>
/// <param name="TerminatedAt">When the machine became (or becomes) deleted; retention counts from here.</param>
internal sealed record MockMachine(
    string Id,
    string Token,
    string SpecHash,
    string Name,
    string RealmId,
    string ImageId,
    string HardwareProfileId,
    int Cpu,
    int MemoryMiB,
    int StorageGiB,
    IReadOnlyDictionary<string, string> Tags,
    MockPhase Phase,
    DateTimeOffset CreatedAt,
    DateTimeOffset? TerminatedAt)
{
    /// <summary>Whether the machine is deleted and past retention: gone for every read.</summary>
    public bool IsPurged(DateTimeOffset now, TimeSpan retention) => TerminatedAt + retention <= now;

    public DriverInstance ToDriverInstance(DateTimeOffset now)
    {
        var native = Phase.At(now);
        IReadOnlyList<string> addresses = native is MockStates.Active or MockStates.Rebooting
            ? [MockHash.PrivateAddress(Id)]
            : [];
        return new DriverInstance(
            Id, Name, RealmId, ImageId, HardwareProfileId, MockStates.Table.Map(native), native, addresses, Tags);
    }
}
