using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Persistence.Saving;

/// <summary>
/// Carries the areas' save steps inside the context options (as <see cref="BrokerEntitiesExtension"/> carries their entities),
/// so the pooled <see cref="BrokerDbContext"/> runs them without a service of its own.
/// </summary>
internal sealed class SaveStepsExtension(IReadOnlyList<ISaveStep> steps) : IDbContextOptionsExtension
{
    public IReadOnlyList<ISaveStep> Steps { get; } = steps;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public static void Use(DbContextOptionsBuilder builder, IEnumerable<ISaveStep> steps) =>
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new SaveStepsExtension([.. steps]));

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(SaveStepsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "SaveSteps ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["SaveSteps:Steps"] = string.Join(",", extension.Steps.Select(s => s.GetType().Name));
    }
}
