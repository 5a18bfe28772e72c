namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// One comparison of a provider's inventory with the database: when and why it ran, how it ended,
/// what it counted and the machines it found something to say about.
/// </summary>
public sealed class ReconciliationRun
{
    public required string Id { get; init; }

    public required string ProviderId { get; init; }

    public ReconciliationTrigger Trigger { get; init; }

    public ReconciliationStatus Status { get; set; }

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; set; }

    public DateTime StartedAt { get; init; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Machines the provider listed.</summary>
    public int Seen { get; set; }

    /// <summary>Listed machines that belong to an instance the database knows (and has not terminated).</summary>
    public int Matched { get; set; }

    public int Vanished { get; set; }

    /// <summary>Orphans of this installation left where they are (policy <c>report</c>, an adopt/destroy that could not be done, or a machine that names no provider).</summary>
    public int OrphansReported { get; set; }

    public int Adopted { get; set; }

    public int Destroyed { get; set; }

    /// <summary>Machines of another installation, of none, or of another provider of this one: reported, never touched.</summary>
    public int Foreign { get; set; }

    /// <summary>Operations past their deadline that the run failed.</summary>
    public int StuckResolved { get; set; }

    public List<ReconciliationMachine> Machines { get; set; } = [];

    public void Note(string? providerMachineId, string? instanceId, string? installationId, string action, string detail) =>
        Machines.Add(new ReconciliationMachine(providerMachineId, instanceId, installationId, action, detail));
}
