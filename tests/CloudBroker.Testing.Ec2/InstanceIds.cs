using System.Text.RegularExpressions;

namespace CloudBroker.Testing.Ec2;

/// <summary>EC2's id formats: a prefix, then 8 or 17 lower-case hex digits.</summary>
internal static partial class InstanceIds
{
    public static void CheckFormat(string id)
    {
        if (!InstanceId().IsMatch(id))
        {
            throw new Ec2Fault(400, "InvalidInstanceID.Malformed", $"Invalid id: \"{id}\" (expecting \"i-...\")");
        }
    }

    public static void CheckImageFormat(string id)
    {
        if (!ImageId().IsMatch(id))
        {
            throw new Ec2Fault(400, "InvalidAMIID.Malformed", $"Invalid id: \"{id}\" (expecting \"ami-...\")");
        }
    }

    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex InstanceId();

    [GeneratedRegex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex ImageId();
}
