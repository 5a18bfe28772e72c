using CloudBroker.Persistence;
using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Limits;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas;

/// <summary>Quotas' entities in the one context: per-scope limits and counters, and the reservation ledger.</summary>
public sealed class QuotasEntities : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new QuotaConfiguration());
        modelBuilder.ApplyConfiguration(new ReservationConfiguration());
    }
}
