using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Api.Tests.Http;

/// <summary>
/// The API with small rate limits (<see cref="CallerBurst"/> per key, <see cref="AddressBurst"/> per address,
/// <see cref="FailureBurst"/> failed authentications per address, each refilled slowly), its log lines captured, and
/// each request's source address taken from <see cref="AddressHeader"/> (the in-memory server has none; the broker
/// itself never believes such a header).
/// </summary>
public sealed class RateLimitFactory : ApiFactory
{
    public const string AddressHeader = "X-Test-Source-Address";

    public const int CallerBurst = 10;

    public const int AddressBurst = 40;

    public const int FailureBurst = 3;

    public static readonly IPAddress SetupAddress = IPAddress.Parse("198.51.100.1");

    public CapturedLogs Logs { get; } = new();

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:RateLimits:PerCaller:RequestsPerSecond"] = "0.2";
        settings["CloudBroker:RateLimits:PerCaller:Burst"] = CallerBurst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["CloudBroker:RateLimits:PerAddress:RequestsPerSecond"] = "0.2";
        settings["CloudBroker:RateLimits:PerAddress:Burst"] = AddressBurst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["CloudBroker:RateLimits:FailedAuthentication:RequestsPerSecond"] = "0.1";
        settings["CloudBroker:RateLimits:FailedAuthentication:Burst"] = FailureBurst.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A client whose requests come from <paramref name="address"/>, with <paramref name="key"/> if given.</summary>
    public HttpClient From(string address, string? key = null)
    {
        var client = key is null ? CreateClient() : this.WithKey(key);
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Information));
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, SourceAddressStartupFilter>());
    }

    private sealed class SourceAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                var header = context.Request.Headers[AddressHeader].ToString();
                context.Connection.RemoteIpAddress = header.Length > 0 ? IPAddress.Parse(header) : SetupAddress;
                return following(context);
            });
            next(app);
        };
    }
}
