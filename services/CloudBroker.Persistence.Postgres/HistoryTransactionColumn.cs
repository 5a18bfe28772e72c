using CloudBroker.Provisioning.History;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// PostgreSQL's part of the model: each <c>instance_events</c> row takes the id of the transaction that writes it from
/// the column's default, so <see cref="CommittedHistoryFeed"/> can read the history in commit-safe order.
/// </summary>
public sealed class HistoryTransactionColumn : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<InstanceEvent>().Property(e => e.Transaction).HasDefaultValueSql("pg_current_xact_id()::text::bigint");
}
