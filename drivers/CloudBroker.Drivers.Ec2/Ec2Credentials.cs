namespace CloudBroker.Drivers.Ec2;

/// <summary>Static AWS credentials from the provider's <c>Credentials</c> section.</summary>
internal sealed record Ec2Credentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    // Never print the secret: a record's generated ToString would.
    public override string ToString() => $"Ec2Credentials {{ AccessKeyId = {AccessKeyId} }}";
}
