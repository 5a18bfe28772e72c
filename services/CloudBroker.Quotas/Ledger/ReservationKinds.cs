namespace CloudBroker.Quotas.Ledger;

public static class ReservationKinds
{
    /// <summary>Instances, cpu, memory, storage and budget: held from create to destroy.</summary>
    public const string Allocation = "allocation";

    /// <summary>One running instance: held while it runs (from create or start to stop or destroy).</summary>
    public const string Running = "running";
}
