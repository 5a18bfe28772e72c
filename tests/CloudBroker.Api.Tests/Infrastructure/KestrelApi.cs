using System.Net;
using Xunit;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>An <see cref="ApiFactory"/> served by real Kestrel on a free loopback port (for behaviour the in-memory server does not share).</summary>
public sealed class KestrelApi : IAsyncLifetime
{
    public ApiFactory Factory { get; } = ApiFactory.On(ApiFactory.NewDataDirectory(), ApiFactory.AdminKey, deleteOnDispose: true);

    public ValueTask InitializeAsync()
    {
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
