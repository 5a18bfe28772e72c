namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// The scale-out scenarios run one at a time and alone (after the other tests): each starts four broker processes on a
/// two-core machine and measures what they do, and the RabbitMQ outage stops the node every scenario uses.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out";
}
