using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Persistence;

/// <summary>
/// Carries the areas' entity contributors inside the context options, so <see cref="BrokerDbContext"/>
/// has the single options constructor that context pooling needs.
/// </summary>
internal sealed class BrokerEntitiesExtension(IReadOnlyList<IEntityContributor> contributors) : IDbContextOptionsExtension
{
    public IReadOnlyList<IEntityContributor> Contributors { get; } = contributors;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(BrokerEntitiesExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "BrokerEntities ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["BrokerEntities:Contributors"] = string.Join(",", extension.Contributors.Select(c => c.GetType().Name));
    }
}
