using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Identity;

/// <summary>Identity's part of the one model.</summary>
public sealed class IdentityModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
}
