using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace CloudBroker.Drivers.Ec2;

/// <summary>An <see cref="InstanceSpec"/> as a RunInstances request: one instance, tagged at launch, idempotent by ClientToken.</summary>
internal static class Ec2LaunchRequests
{
    public static RunInstancesRequest Build(InstanceSpec spec, string? keyName, Ec2Settings settings)
    {
        var tags = spec.Tags.Select(t => new Tag(t.Key, t.Value))
            .Append(new Tag(Ec2InstanceMapper.NameTag, spec.Name))
            .ToList();
        var request = new RunInstancesRequest
        {
            // Always ours: the SDK would otherwise invent one per call, and a retried create would make a second machine.
            ClientToken = Ec2ClientTokens.For(spec.IdempotencyToken),
            ImageId = spec.ImageId,
            InstanceType = InstanceType.FindValue(spec.HardwareProfileId),
            MinCount = 1,
            MaxCount = 1,
            KeyName = keyName,
            UserData = spec.UserData is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(spec.UserData)),
            TagSpecifications =
            [
                new TagSpecification { ResourceType = ResourceType.Instance, Tags = tags },
                new TagSpecification { ResourceType = ResourceType.Volume, Tags = [.. tags] },
            ],
            SubnetId = settings.SubnetId,
        };
        if (spec.RealmId is not null)
        {
            request.Placement = new Placement { AvailabilityZone = spec.RealmId };
        }

        if (settings.SecurityGroupIds.Count > 0)
        {
            request.SecurityGroupIds = [.. settings.SecurityGroupIds];
        }

        return request;
    }
}
