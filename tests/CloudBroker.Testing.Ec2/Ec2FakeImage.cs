namespace CloudBroker.Testing.Ec2;

/// <summary>An AMI the fake describes; <paramref name="Owner"/> is <see cref="Self"/> (the account) or an alias such as <c>amazon</c>.</summary>
public sealed record Ec2FakeImage(string Id, string Name, string Description, string Architecture, string Owner)
{
    public const string Self = "self";
}
