using System.Diagnostics;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Reconciliation;
using static CloudBroker.Provisioning.Telemetry.ProvisioningTelemetry;

namespace CloudBroker.Provisioning.Telemetry;

/// <summary>What the workflow and the reconciler record as metrics, beside their own writes.</summary>
internal static class ProvisioningMetrics
{
    /// <summary>An operation reached its end (succeeded or failed): how long since it was accepted.</summary>
    public static void Ended(Operation operation, string providerId, DateTime at) =>
        ProvisioningDuration.Record((at - operation.CreatedAt).TotalSeconds, new TagList
        {
            { ProviderTag, providerId },
            { OperationKindTag, Tag(operation.Kind) },
            { OutcomeTag, Tag(operation.Status) },
        });

    /// <summary>One reconciliation of a provider's inventory: each finding counted by its kind.</summary>
    public static void Found(string providerId, IReadOnlyList<InventoryFinding> findings)
    {
        foreach (var group in findings.GroupBy(f => f.Kind))
        {
            ReconcilerFindings.Add(group.Count(), new TagList { { ProviderTag, providerId }, { FindingKindTag, Tag(group.Key) } });
        }
    }
}
