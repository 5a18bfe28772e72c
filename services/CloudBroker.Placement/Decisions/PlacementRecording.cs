using CloudBroker.Persistence;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Placement.Decisions;

/// <summary>Writes why a placed instance is where it is, in the transaction that accepts it (an <see cref="ICreateAdmission"/>, after the pools' rule).</summary>
internal sealed class PlacementRecording(TimeProvider time) : ICreateAdmission
{
    public Task AdmitAsync(BrokerDbContext db, Provider provider, Instance instance, PlacementChoice? placed, CancellationToken cancellationToken)
    {
        if (placed is not null)
        {
            db.Add(new PlacementRecord
            {
                InstanceId = instance.Id,
                TenantId = instance.TenantId,
                ProviderId = placed.ProviderId,
                AntiAffinityGroup = placed.AntiAffinityGroup,
                Explanation = placed.Explanation,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        }

        return Task.CompletedTask;
    }
}
