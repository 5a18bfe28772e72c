namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Bus</c>: <c>InMemory</c> (default) or <c>RabbitMq</c> with <c>RabbitMq:Uri</c>.</summary>
public sealed class BusSettings
{
    public const string InMemory = "InMemory";
    public const string RabbitMqTransport = "RabbitMq";

    public string Transport { get; set; } = InMemory;

    public RabbitMqSettings RabbitMq { get; set; } = new();

    public bool IsRabbitMq => string.Equals(Transport, RabbitMqTransport, StringComparison.OrdinalIgnoreCase);

    public bool IsInMemory => string.Equals(Transport, InMemory, StringComparison.OrdinalIgnoreCase);
}
