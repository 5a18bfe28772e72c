namespace CloudBroker.Hosting;

/// <summary>The executable a process was started as: each has its own default roles and port.</summary>
public enum BrokerHost
{
    /// <summary><c>services/CloudBroker.Api</c>: the API, and in embedded mode the workers too.</summary>
    Api,

    /// <summary><c>services/CloudBroker.Worker</c>: workers only, with health endpoints for probes.</summary>
    Worker,
}
