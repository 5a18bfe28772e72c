namespace CloudBroker.Drivers;

/// <summary>
/// Tag keys the broker stamps on every machine it makes, so the reconciler knows its own: the installation, the
/// provider that made it (another provider on the same host or account never takes it) and the instance.
/// </summary>
public static class BrokerTags
{
    public const string InstallationId = "cloudbroker:installation-id";

    public const string ProviderId = "cloudbroker:provider-id";

    public const string InstanceId = "cloudbroker:instance-id";
}
