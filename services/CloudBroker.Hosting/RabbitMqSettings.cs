namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Bus:RabbitMq</c>.</summary>
public sealed class RabbitMqSettings
{
    /// <summary><c>amqp://user:password@host:port/vhost</c> (the vhost may be omitted for <c>/</c>).</summary>
    public Uri? Uri { get; set; }

    /// <summary>Unacknowledged messages each queue hands a worker at once (also how many it handles concurrently).</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>How often client and broker check the connection is alive; a dead one is noticed within about twice this.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);
}
