using System.Xml.Linq;
using static CloudBroker.Testing.Ec2.Ec2Xml;

namespace CloudBroker.Testing.Ec2;

/// <summary>DescribeAvailabilityZones and DescribeImages (owners, ids, filters).</summary>
internal static class CatalogActions
{
    // Amazon's own images are owned by this account id in every region.
    private const string AmazonAccountId = "137112412989";

    public static IEnumerable<XElement> AvailabilityZones(FakeCloud cloud, Ec2Request request)
    {
        var region = cloud.Options.Region;
        return
        [
            Set("availabilityZoneInfo", cloud.Options.ZoneNames.Select((zone, i) => new[]
            {
                Element("zoneName", zone),
                Element("zoneState", "available"),
                Element("regionName", region),
                Element("zoneId", $"{ZonePrefix(region)}-az{i + 1}"),
                Element("zoneType", "availability-zone"),
                Element("messageSet", null),
            })),
        ];
    }

    public static IEnumerable<XElement> Images(FakeCloud cloud, Ec2Request request)
    {
        var owners = request.List("Owner");
        var ids = request.List("ImageId");
        var filters = request.Filters();
        var account = cloud.Options.AccountId;
        foreach (var id in ids)
        {
            InstanceIds.CheckImageFormat(id);
            if (cloud.Options.Images.All(i => i.Id != id))
            {
                throw new Ec2Fault(400, "InvalidAMIID.NotFound", $"The image id '[{id}]' does not exist");
            }
        }

        var images = cloud.Options.Images
            .Where(i => ids.Count == 0 || ids.Contains(i.Id))
            .Where(i => owners.Count == 0 || owners.Any(o => o == i.Owner || o == OwnerId(i, account)))
            .Where(i => filters.All(f => Match(f.Name, f.Values, i, account)));
        return
        [
            Set("imagesSet", images.Select(i => new[]
            {
                Element("imageId", i.Id),
                Element("imageLocation", $"{OwnerId(i, account)}/{i.Name}"),
                Element("imageState", "available"),
                Element("imageOwnerId", OwnerId(i, account)),
                Element("isPublic", i.Owner != Ec2FakeImage.Self ? "true" : "false"),
                Element("architecture", i.Architecture),
                Element("imageType", "machine"),
                Element("name", i.Name),
                Element("description", i.Description),
                Element("rootDeviceType", "ebs"),
                Element("rootDeviceName", "/dev/xvda"),
                Element("virtualizationType", "hvm"),
                Element("hypervisor", "xen"),
                Element("creationDate", "2026-01-01T00:00:00.000Z"),
            }.Concat(i.Owner == Ec2FakeImage.Self ? [] : [Element("imageOwnerAlias", i.Owner)]))),
        ];
    }

    private static string OwnerId(Ec2FakeImage image, string account) =>
        image.Owner == Ec2FakeImage.Self ? account : AmazonAccountId;

    private static bool Match(string name, IReadOnlyList<string> values, Ec2FakeImage image, string account) => name switch
    {
        "name" => Glob.MatchesAny(values, image.Name),
        "architecture" => Glob.MatchesAny(values, image.Architecture),
        "image-id" => Glob.MatchesAny(values, image.Id),
        "owner-id" => Glob.MatchesAny(values, OwnerId(image, account)),
        "state" => Glob.MatchesAny(values, "available"),
        _ => throw Ec2Fault.Invalid($"The filter '{name}' is invalid"),
    };

    // us-east-1 -> use1, as in EC2's zone ids.
    private static string ZonePrefix(string region)
    {
        var parts = region.Split('-');
        return parts.Length == 3 ? $"{parts[0]}{parts[1][0]}{parts[2]}" : region;
    }
}
