namespace CloudBroker.Testing.Ec2;

/// <summary>The DescribeInstances filters the fake knows; values of one filter are OR-ed, filters are AND-ed.</summary>
internal static class InstanceFilters
{
    private const string TagPrefix = "tag:";

    public static bool Match(IReadOnlyList<(string Name, IReadOnlyList<string> Values)> filters, FakeMachine machine) =>
        filters.All(f => Match(f.Name, f.Values, machine));

    private static bool Match(string name, IReadOnlyList<string> values, FakeMachine machine) => name switch
    {
        "instance-id" => Glob.MatchesAny(values, machine.Id),
        "instance-state-name" => Glob.MatchesAny(values, machine.State.Name),
        "instance-type" => Glob.MatchesAny(values, machine.InstanceType),
        "availability-zone" => Glob.MatchesAny(values, machine.Zone),
        "image-id" => Glob.MatchesAny(values, machine.ImageId),
        "client-token" => Glob.MatchesAny(values, machine.ClientToken),
        "tag-key" => machine.Tags.Keys.Any(k => Glob.MatchesAny(values, k)),
        _ when name.StartsWith(TagPrefix, StringComparison.Ordinal) =>
            Glob.MatchesAny(values, machine.Tags.GetValueOrDefault(name[TagPrefix.Length..])),
        _ => throw Ec2Fault.Invalid($"The filter '{name}' is invalid"),
    };
}
