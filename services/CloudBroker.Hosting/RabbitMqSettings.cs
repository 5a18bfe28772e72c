namespace CloudBroker.Hosting;

public sealed class RabbitMqSettings
{
    public Uri? Uri { get; set; }
}
