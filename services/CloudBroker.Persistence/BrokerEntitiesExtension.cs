using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Persistence;

/// <summary>
/// Carries the areas' model contributors inside the context options, so <see cref="BrokerDbContext"/>
/// has the single options constructor that context pooling needs.
/// </summary>
internal sealed class BrokerModelExtension(IReadOnlyList<IModelContributor> contributors) : IDbContextOptionsExtension
{
    public IReadOnlyList<IModelContributor> Contributors { get; } = contributors;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(BrokerModelExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "BrokerModel ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["BrokerModel:Contributors"] = string.Join(",", extension.Contributors.Select(c => c.GetType().Name));
    }
}
