using CloudBroker.Accounting;
using CloudBroker.Provisioning;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudBroker.Hosting;

internal static class BrokerBusRegistration
{
    /// <summary>What a cancelled step is given to roll back and release its lease, beyond <see cref="BusSettings.StopTimeout"/>.</summary>
    private static readonly TimeSpan HandBack = TimeSpan.FromSeconds(5);

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

        // The dispatcher starts after the bus, so its first publish finds the queues bound; it stops before the bus, so
        // nothing is published into a bus that is draining. The bus's stop drains: it takes no new message, gives the
        // steps in hand StopTimeout, then cancels their tokens and waits for them to hand their operations back
        // (StepRunner). The host waits for all of that before the container, and the database with it, goes.
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.ConsumerStopTimeout = settings.StopTimeout;
            o.StopTimeout = settings.StopTimeout + HandBack;
        });
        services.Configure<HostOptions>(o =>
        {
            var needed = settings.StopTimeout + HandBack + HandBack; // .NET's own 30 s, or more when the bus needs it
            if (o.ShutdownTimeout < needed)
            {
                o.ShutdownTimeout = needed;
            }
        });
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
