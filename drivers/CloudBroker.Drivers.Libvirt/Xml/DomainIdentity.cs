namespace CloudBroker.Drivers.Libvirt.Xml;

/// <summary>What the broker writes into a domain's metadata: whose it is, and what it was made from.</summary>
/// <param name="ProviderId">The provider that made the domain; <c>null</c> on domains defined before machines carried it.</param>
/// <param name="Tags">Tags other than the installation, provider and instance ids.</param>
internal sealed record DomainIdentity(
    string InstallationId,
    string? ProviderId,
    string InstanceId,
    string? ImageId,
    string? HardwareProfileId,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>All tags, the broker's own keys included, as the SPI reports them.</summary>
    public IReadOnlyDictionary<string, string> ToTags()
    {
        var tags = new Dictionary<string, string>(Tags)
        {
            [BrokerTags.InstallationId] = InstallationId,
            [BrokerTags.InstanceId] = InstanceId,
        };
        if (ProviderId is not null)
        {
            tags[BrokerTags.ProviderId] = ProviderId;
        }

        return tags;
    }
}
