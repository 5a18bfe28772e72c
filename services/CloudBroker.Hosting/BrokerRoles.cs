namespace CloudBroker.Hosting;

/// <summary>What a process runs (<c>CloudBroker__Roles</c>): the HTTP API, the workers, or both (the embedded default).</summary>
[Flags]
public enum BrokerRoles
{
    None = 0,

    /// <summary>The REST API: validates, authorizes and writes requests with their outbox rows.</summary>
    Api = 1,

    /// <summary>The outbox dispatcher, the workflow consumers, the operation sweeper and the scheduled reconciler.</summary>
    Worker = 2,

    All = Api | Worker,
}
