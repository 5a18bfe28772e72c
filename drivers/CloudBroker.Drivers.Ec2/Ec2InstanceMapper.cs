using Amazon.EC2.Model;

namespace CloudBroker.Drivers.Ec2;

/// <summary>An SDK <see cref="Instance"/> as the broker sees it; the <c>Name</c> tag is the machine's name.</summary>
internal static class Ec2InstanceMapper
{
    public const string NameTag = "Name";

    public static DriverInstance Map(Instance instance)
    {
        var tags = (instance.Tags ?? []).Where(t => t.Key is not null)
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? "", StringComparer.Ordinal);
        return new DriverInstance(
            instance.InstanceId,
            tags.GetValueOrDefault(NameTag) ?? instance.InstanceId,
            instance.Placement?.AvailabilityZone,
            instance.ImageId,
            instance.InstanceType?.Value,
            Ec2States.Map(instance.State?.Code),
            instance.State?.Name?.Value ?? "unknown",
            [.. new[] { instance.PrivateIpAddress, instance.PublicIpAddress }.OfType<string>().Where(a => a.Length > 0)],
            tags);
    }
}
