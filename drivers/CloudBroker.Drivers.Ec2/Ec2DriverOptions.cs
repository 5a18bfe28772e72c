namespace CloudBroker.Drivers.Ec2;

/// <summary>
/// The bindable settings of one EC2 provider (its section <c>CloudBroker:Providers:&lt;id&gt;</c>); lists
/// (<c>ImageOwners</c>, <c>SecurityGroupIds</c>) and the <c>Credentials</c> subsection are read by
/// <see cref="Ec2SettingsLoader"/>. Every setting is described in docs/providers-ec2.md.
/// </summary>
public sealed class Ec2DriverOptions
{
    /// <summary>The AWS region (required), such as <c>eu-west-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>An endpoint that replaces the region's (a VPC endpoint, or a test fake).</summary>
    public string? ServiceUrl { get; set; }

    public string? SubnetId { get; set; }

    /// <summary>SDK retries per call. Default 0: the broker's durable pipeline retries, with its own backoff.</summary>
    public int MaxErrorRetry { get; set; }

    /// <summary>How long one EC2 call may take before it is reported as a timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Instance types offered as hardware profiles (default: t3.micro, t3.small, m5.large).</summary>
    public IList<Ec2InstanceTypeOptions> InstanceTypes { get; } = [];

    /// <summary>DescribeImages filters by name (<c>ImageFilters:name = debian-12-*</c>); commas separate values.</summary>
    public IDictionary<string, string> ImageFilters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
