using CloudBroker.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>The API with a <see cref="DatabaseFault"/> of its engine in front of its database (disarmed until a test arms it).</summary>
public sealed class DatabaseFaultFactory : ApiFactory
{
    public DatabaseFaultFactory() => Fault = new DatabaseFault(postgres: PostgresTestDatabase.ForDataDirectory(DataDirectory) is not null);

    public DatabaseFault Fault { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<BrokerDbContext>(options => options.AddInterceptors(Fault)));
    }
}
