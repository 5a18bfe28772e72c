using CloudBroker.Persistence;
using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Limits;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas;

/// <summary>Quotas' part of the one model: per-scope limits and counters, and the reservation ledger.</summary>
public sealed class QuotasModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new QuotaConfiguration());
        modelBuilder.ApplyConfiguration(new ReservationConfiguration());
    }
}
