using CloudBroker.Accounting;
using CloudBroker.Provisioning;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Hosting;

internal static class BrokerBusRegistration
{
    /// <summary>
    /// The bus for a process that runs the workers (API-only processes write outbox rows and never touch it):
    /// the workflow consumers on the in-memory transport, or on RabbitMQ with quorum queues, publisher
    /// confirms and a set prefetch. MassTransit reconnects by itself after a broker outage; what was in
    /// flight is redelivered and the inboxes absorb repeats.
    /// </summary>
    public static IServiceCollection AddBrokerBus(this IServiceCollection services, BusSettings settings)
    {
        services.AddMassTransit(bus =>
        {
            // No calling home: MassTransit 8.4+ posts the bus's shape to usage-tracking.masstransit.io once, 5 minutes
            // after the bus starts. Off. Should MASSTRANSIT_USAGE_TELEMETRY=true turn it back on (the variable wins over
            // this option), it reports at MassTransit's earliest, 30 s, which the no-calling-home test idles past.
            bus.ConfigureUsageTelemetryOptions(o =>
            {
                o.Enabled = false;
                o.ReportDelay = TimeSpan.FromSeconds(30);
            });
            bus.AddProvisioningConsumers();
            bus.AddAccountingConsumers();
            if (settings.IsRabbitMq)
            {
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    // Replicated, durable queues: the default classic queues lose messages with a node.
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        rabbit.SetQuorumQueue();
                    }
                });
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = settings.RabbitMq;
                    var uri = rabbit.Uri!;
                    var (user, password) = Credentials(uri);
                    var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
                    cfg.Host(uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), vhost.Length == 0 ? "/" : vhost, h =>
                    {
                        h.Username(user);
                        h.Password(password);
                        h.PublisherConfirmation = true;
                        h.Heartbeat(rabbit.Heartbeat);
                        h.RequestedConnectionTimeout(TimeSpan.FromSeconds(10));
                    });
                    cfg.PrefetchCount = rabbit.PrefetchCount;
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });

        // The dispatcher starts after the bus, so its first publish finds the queues bound.
        services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        return services;
    }

    private static (string User, string Password) Credentials(Uri uri)
    {
        var parts = uri.UserInfo.Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0
            ? (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]))
            : ("guest", "guest");
    }
}
