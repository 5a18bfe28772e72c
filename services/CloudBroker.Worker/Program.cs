using CloudBroker.Hosting;

// The worker host of the scaled-out mode: the outbox dispatcher, the workflow consumers, the operation
// sweeper and the scheduled reconciler, on PostgreSQL and RabbitMQ. HTTP serves health probes only.
var builder = WebApplication.CreateSlimBuilder(args);
try
{
    builder.AddCloudBroker(BrokerHost.Worker, args);
}
catch (BrokerConfigurationException ex)
{
    return await StartRefusal.ReportAsync(ex);
}

var app = builder.Build();
app.MapBrokerHealth();
app.MapBrokerTelemetry();
return await app.RunBrokerAsync(args);
