namespace CloudBroker.Drivers;

/// <summary>Tag keys the broker stamps on every machine it makes, so the reconciler knows its own.</summary>
public static class BrokerTags
{
    public const string InstallationId = "cloudbroker:installation-id";

    public const string InstanceId = "cloudbroker:instance-id";
}
