namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>What a run does with a machine of this installation the database does not know, or has terminated.</summary>
public enum OrphanPolicy
{
    Report,
    Adopt,
    Destroy,
}
