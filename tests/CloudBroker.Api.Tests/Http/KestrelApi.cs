using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CloudBroker.Api.Tests.Http;

/// <summary>
/// An <see cref="ApiFactory"/> served by real Kestrel on a free loopback port (for behaviour the in-memory server does
/// not share), every log line captured (<see cref="Logs"/>).
/// </summary>
public sealed class KestrelApi : IAsyncLifetime
{
    private readonly LoggedFactory _factory = new(ApiFactory.NewDataDirectory());

    public ApiFactory Factory => _factory;

    public CapturedLogs Logs => _factory.Logs;

    public ValueTask InitializeAsync()
    {
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    private sealed class LoggedFactory(string dataDirectory) : ApiFactory(dataDirectory, deleteOnDispose: true)
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
        }
    }
}
