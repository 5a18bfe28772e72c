namespace CloudBroker.Hosting;

/// <summary>What this process runs, as decided at startup (for health reports and the startup log).</summary>
public sealed record BrokerRuntime(BrokerRoles Roles);
