namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Bus</c>: <c>InMemory</c> (default) or <c>RabbitMq</c> with <c>RabbitMq:Uri</c>.</summary>
public sealed class BusSettings
{
    public string Transport { get; set; } = "InMemory";

    public RabbitMqSettings RabbitMq { get; set; } = new();
}
