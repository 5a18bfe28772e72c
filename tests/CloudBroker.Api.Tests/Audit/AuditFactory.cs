using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Api.Tests.Audit;

/// <summary>
/// The API whose every connection comes from <see cref="SourceAddress"/>: the in-memory test server has no
/// remote address, and the audit log records the connection's.
/// </summary>
public sealed class AuditFactory : ApiFactory
{
    public static readonly IPAddress SourceAddress = IPAddress.Parse("203.0.113.7");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, RemoteAddressStartupFilter>());
    }

    private sealed class RemoteAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                context.Connection.RemoteIpAddress = SourceAddress;
                return following(context);
            });
            next(app);
        };
    }
}
