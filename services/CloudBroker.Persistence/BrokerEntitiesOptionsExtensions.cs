using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CloudBroker.Persistence;

public static class BrokerEntitiesOptionsExtensions
{
    /// <summary>Names the areas whose entities make up the one context.</summary>
    public static TBuilder UseBrokerEntities<TBuilder>(this TBuilder builder, IEnumerable<IEntityContributor> contributors)
        where TBuilder : DbContextOptionsBuilder
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new BrokerEntitiesExtension([.. contributors]));
        return builder;
    }
}
