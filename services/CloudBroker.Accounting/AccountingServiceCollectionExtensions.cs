using CloudBroker.Accounting.Alerts;
using CloudBroker.Accounting.Exports;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Periods;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Rating;
using CloudBroker.Accounting.Webhooks;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Workflow;
using CloudBroker.Quotas.Pricing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudBroker.Accounting;

public static class AccountingServiceCollectionExtensions
{
    /// <summary>
    /// Accounting's model and the published prices (every role reads and writes them; the budget's estimate prices from
    /// them), and how the history is read: in id order unless the database registration chose its own
    /// <see cref="IHistoryFeed"/> first (PostgreSQL).
    /// </summary>
    public static IServiceCollection AddAccounting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEntityContributor, AccountingEntities>();
        services.Configure<MeteringOptions>(configuration.GetSection(MeteringOptions.Section));
        services.Configure<AccountingOptions>(configuration.GetSection(AccountingOptions.Section));
        services.TryAddSingleton<IHistoryFeed, IdOrderHistoryFeed>();
        services.AddKeyedSingleton<WakeSignal>(typeof(InstanceEvent)); // the instance history grew: metering
        services.AddKeyedSingleton<WakeSignal>(typeof(UsageInterval)); // metering advanced: rating
        services.AddKeyedSingleton<WakeSignal>(typeof(RatingWatermark)); // rating advanced: the export schedule
        services.AddSingleton<PublishedPrices>();
        services.AddScoped<PriceBooks>();
        services.AddSingleton<IHourlyPrices>(sp => sp.GetRequiredService<PublishedPrices>());
        services.AddHostedService<PriceCatalogRefresher>();
        services.AddSingleton<IRatedCost, RatedCost>();
        services.AddScoped<RatingRun>();
        services.AddScoped<BillingPeriods>();
        services.AddExports(configuration);
        services.AddSingleton<BudgetAlerts>();
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookSecrets>();
        return services;
    }

    /// <summary>
    /// Webhook deliveries, for processes that run the worker role: the sender and its one named HTTP client, whose
    /// connections the endpoint policy makes (<see cref="EndpointPolicy.ConnectCallback"/>), with timeouts, no proxy,
    /// no redirects and no logging of its own (the consumer logs what failed, never a header).
    /// </summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) => client.Timeout = Options(sp).Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<EndpointPolicy>().ConnectCallback,
                ConnectTimeout = Options(sp).ConnectTimeout,
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2), // a changed DNS answer is judged again soon
            })
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>
    /// Exports: requests (every role), the builder (run by the worker's consumer) and the file store the setting
    /// chooses — the database unless <c>Exports:Store</c> is <c>folder</c> (relative to the data folder).
    /// </summary>
    private static void AddExports(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ExportOptions.Section);
        services.Configure<ExportOptions>(section);
        services.AddScoped<ExportRequests>();
        services.AddScoped<ExportBuilder>();
        services.AddScoped<ExportSchedule>();
        var exports = section.Get<ExportOptions>() ?? new ExportOptions();
        switch (exports.Store)
        {
            case "database":
                services.AddScoped<IExportFileStore, DatabaseExportFileStore>();
                break;
            case "folder":
                var root = Path.GetFullPath(exports.Folder, Path.GetFullPath(configuration["CloudBroker:DataDirectory"] ?? "data", Environment.CurrentDirectory));
                services.AddSingleton<IExportFileStore>(new FolderExportFileStore(root));
                break;
            default:
                throw new InvalidOperationException($"{ExportOptions.Section}:Store is '{exports.Store}'; set it to 'database' (the default) or 'folder'");
        }
    }

    /// <summary>The metering worker, for processes that run the worker role (with <see cref="AddAccountingConsumers"/> on their bus).</summary>
    public static IServiceCollection AddMeteringWorker(this IServiceCollection services)
    {
        services.AddSingleton<MeteringWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<MeteringWorker>());
        return services;
    }

    /// <summary>The rating run and the export schedule it wakes, for processes that run the worker role.</summary>
    public static IServiceCollection AddRatingWorker(this IServiceCollection services)
    {
        services.AddHostedService<RatingWorker>();
        services.AddHostedService<ExportScheduler>();
        return services;
    }

    /// <summary>The queues <see cref="AddAccountingConsumers"/> receive from (MassTransit's default endpoint names).</summary>
    public static IReadOnlyList<string> AccountingQueues { get; } =
        [DefaultEndpointNameFormatter.Instance.Consumer<HistoryChangedConsumer>(), DefaultEndpointNameFormatter.Instance.Consumer<WebhookDeliveryConsumer>(), DefaultEndpointNameFormatter.Instance.Consumer<BuildExportConsumer>()];

    /// <summary>The consumers that wake the metering worker, deliver webhooks and build exports, for processes that run the worker role.</summary>
    public static IBusRegistrationConfigurator AddAccountingConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<HistoryChangedConsumer>();
        bus.AddConsumer<WebhookDeliveryConsumer, WorkflowConsumerDefinition<WebhookDeliveryConsumer>>();
        bus.AddConsumer<BuildExportConsumer>();
        return bus;
    }

    private static WebhookOptions Options(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value;
}
