namespace CloudBroker.Testing.Ec2;

/// <summary>A snapshot of one instance as the fake holds it, for assertions on what a driver sent.</summary>
/// <param name="UserData">The user data as sent (base64), or null.</param>
public sealed record Ec2FakeInstance(
    string Id,
    string State,
    string ImageId,
    string InstanceType,
    string Zone,
    string? KeyName,
    string? UserData,
    string ClientToken,
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    IReadOnlyDictionary<string, string> Tags);
