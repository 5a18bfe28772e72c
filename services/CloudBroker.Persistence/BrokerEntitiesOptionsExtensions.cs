using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CloudBroker.Persistence;

public static class BrokerModelOptionsExtensions
{
    /// <summary>Names the areas whose entities make up the one model.</summary>
    public static TBuilder UseBrokerModel<TBuilder>(this TBuilder builder, IEnumerable<IModelContributor> contributors)
        where TBuilder : DbContextOptionsBuilder
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new BrokerModelExtension([.. contributors]));
        return builder;
    }
}
