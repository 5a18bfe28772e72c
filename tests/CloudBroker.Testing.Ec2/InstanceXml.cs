using System.Xml.Linq;
using static CloudBroker.Testing.Ec2.Ec2Xml;

namespace CloudBroker.Testing.Ec2;

/// <summary>The <c>instancesSet/item</c> shape shared by RunInstances and DescribeInstances.</summary>
internal static class InstanceXml
{
    public static IEnumerable<XElement> Of(FakeMachine m)
    {
        var privateDns = $"ip-{m.PrivateIp.Replace('.', '-')}.ec2.internal";
        var content = new List<XElement>
        {
            Element("instanceId", m.Id),
            Element("imageId", m.ImageId),
            State("instanceState", m.State),
            Element("privateDnsName", privateDns),
            Element("dnsName", null),
            Element("amiLaunchIndex", 0),
            Element("instanceType", m.InstanceType),
            Element("launchTime", Timestamp(m.LaunchTime)),
            new(Ns + "placement", Element("availabilityZone", m.Zone), Element("tenancy", "default")),
            Element("monitoring", Element("state", "disabled")),
            Element("privateIpAddress", m.PrivateIp),
            Element("clientToken", m.ClientToken),
            Element("architecture", "x86_64"),
            Element("rootDeviceType", "ebs"),
            Element("rootDeviceName", "/dev/xvda"),
            Element("virtualizationType", "hvm"),
            Element("hypervisor", "xen"),
        };
        if (m.KeyName is not null)
        {
            content.Add(Element("keyName", m.KeyName));
        }

        if (m.SubnetId is not null)
        {
            content.Add(Element("subnetId", m.SubnetId));
        }

        if (m.SecurityGroupIds.Count > 0)
        {
            content.Add(Set("groupSet", m.SecurityGroupIds.Select(g => new[] { Element("groupId", g) })));
        }

        if (m.Tags.Count > 0)
        {
            content.Add(Tags(m.Tags));
        }

        return content;
    }
}
