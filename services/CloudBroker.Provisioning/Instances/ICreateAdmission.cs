using CloudBroker.Persistence;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Provisioning.Instances;

/// <summary>
/// A rule of another area that every create must pass (Placement's pools: who may draw from the provider, and the
/// capacity claim). <see cref="InstanceRequests.CreateAsync"/> runs each inside the accepting transaction, after the
/// quota reservation and before the one save, so no create goes around it; what it adds to the unit of work commits or
/// rolls back with the instance.
/// </summary>
public interface ICreateAdmission
{
    /// <param name="placed">Placement's choice when the create named no provider (<see cref="IPlacement"/>), else <c>null</c>.</param>
    Task AdmitAsync(BrokerDbContext db, Provider provider, Instance instance, PlacementChoice? placed, CancellationToken cancellationToken);
}
