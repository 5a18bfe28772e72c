using CloudBroker.Persistence;
using CloudBroker.Provisioning.Health;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Keys;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Provisioning.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning;

/// <summary>Provisioning's entities in the one context: instances, operations, their history, SSH keys, reconciliation runs, the providers defined through the API and their circuits.</summary>
public sealed class ProvisioningEntities : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new InstanceConfiguration());
        modelBuilder.ApplyConfiguration(new OperationConfiguration());
        modelBuilder.ApplyConfiguration(new SshKeyConfiguration());
        modelBuilder.ApplyConfiguration(new InstanceEventConfiguration());
        modelBuilder.ApplyConfiguration(new ReconciliationRunConfiguration());
        modelBuilder.ApplyConfiguration(new ReconcilerLeaseConfiguration());
        modelBuilder.ApplyConfiguration(new ProviderPacingRowConfiguration());
        modelBuilder.ApplyConfiguration(new ProviderRecordConfiguration());
        modelBuilder.ApplyConfiguration(new ProviderCircuitConfiguration());
    }
}
