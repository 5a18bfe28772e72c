namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Bus</c>: <c>InMemory</c> (default) or <c>RabbitMq</c> with <c>RabbitMq:Uri</c>.</summary>
public sealed class BusSettings
{
    public const string InMemory = "InMemory";
    public const string RabbitMqTransport = "RabbitMq";

    public string Transport { get; set; } = InMemory;

    public RabbitMqSettings RabbitMq { get; set; } = new();

    /// <summary>
    /// How long a stopping process lets the workflow steps in hand finish (it takes no new one meanwhile). A step still
    /// running then is cancelled: nothing of it is saved and its operation's lease is released, so the next start (or
    /// another worker) takes it up at once. Under the orchestrator's grace period (the chart's is 30 s).
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsRabbitMq => string.Equals(Transport, RabbitMqTransport, StringComparison.OrdinalIgnoreCase);

    public bool IsInMemory => string.Equals(Transport, InMemory, StringComparison.OrdinalIgnoreCase);
}
