using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Drivers.Ec2;

/// <summary>Binds and checks a provider's settings; every problem is reported at once, by its configuration key.</summary>
internal static partial class Ec2SettingsLoader
{
    public static Ec2Settings Load(IConfiguration settings, string providerId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new Ec2DriverOptions();
        try
        {
            settings.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw Invalid(providerId, ex.Message, ex);
        }

        var errors = new List<string>();
        var region = options.Region?.Trim();
        if (string.IsNullOrEmpty(region))
        {
            errors.Add("Region is required (for example eu-west-1)");
        }
        else if (!RegionName().IsMatch(region))
        {
            errors.Add($"Region '{region}' is not an AWS region name (for example eu-west-1)");
        }

        Uri? serviceUrl = null;
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl)
            && !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out serviceUrl) && serviceUrl.Scheme is "http" or "https"))
        {
            errors.Add($"ServiceUrl '{options.ServiceUrl}' must be an absolute http or https URL");
        }

        if (options.MaxErrorRetry is < 0 or > 10)
        {
            errors.Add($"MaxErrorRetry must be between 0 and 10 (got {options.MaxErrorRetry})");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"RequestTimeout must be positive (got {options.RequestTimeout})");
        }

        var credentials = Credentials(settings.GetSection("Credentials"), errors);
        var profiles = options.InstanceTypes.Count == 0
            ? Ec2DefaultInstanceTypes.All
            : [.. options.InstanceTypes.Select((t, i) => Profile(errors, i, t))];
        foreach (var duplicate in profiles.GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"InstanceTypes lists '{duplicate.Key}' more than once");
        }

        var owners = List(settings.GetSection("ImageOwners"));
        var filters = options.ImageFilters.ToDictionary(
            f => f.Key, f => (IReadOnlyList<string>)Split(f.Value), StringComparer.Ordinal);
        return errors.Count > 0
            ? throw Invalid(providerId, string.Join("; ", errors), null)
            : new Ec2Settings(region!, serviceUrl, credentials, profiles, owners.Count == 0 ? ["self"] : owners, filters,
                string.IsNullOrWhiteSpace(options.SubnetId) ? null : options.SubnetId.Trim(),
                List(settings.GetSection("SecurityGroupIds")), options.MaxErrorRetry, options.RequestTimeout);
    }

    /// <summary>An API setting's check of <c>Region</c>: a region name, whose endpoint's host the broker connects to.</summary>
    public static SettingVerdict JudgeRegion(string region) => RegionName().IsMatch(region)
        ? SettingVerdict.Connects(region.StartsWith("cn-", StringComparison.Ordinal) ? $"ec2.{region}.amazonaws.com.cn" : $"ec2.{region}.amazonaws.com")
        : SettingVerdict.Refused("must be an AWS region name (for example eu-west-1)");

    /// <summary>Static keys when the section has any; <c>null</c> (the SDK's default chain) when it is absent.</summary>
    private static Ec2Credentials? Credentials(IConfigurationSection section, List<string> errors)
    {
        if (!section.GetChildren().Any())
        {
            return null;
        }

        var keyId = section["AccessKeyId"];
        var secret = section["SecretAccessKey"];
        if (string.IsNullOrWhiteSpace(keyId))
        {
            errors.Add("Credentials:AccessKeyId is required when a Credentials section is given (or remove the section to use the default AWS credential chain)");
        }

        if (string.IsNullOrWhiteSpace(secret))
        {
            errors.Add("Credentials:SecretAccessKey is required when a Credentials section is given (or remove the section to use the default AWS credential chain)");
        }

        var token = section["SessionToken"];
        return new Ec2Credentials(keyId?.Trim() ?? "", secret ?? "", string.IsNullOrWhiteSpace(token) ? null : token);
    }

    private static HardwareProfile Profile(List<string> errors, int index, Ec2InstanceTypeOptions type)
    {
        var key = $"InstanceTypes:{index}";
        if (string.IsNullOrWhiteSpace(type.Id) || !InstanceTypeName().IsMatch(type.Id))
        {
            errors.Add($"{key}:Id must be an EC2 instance type such as t3.micro (got '{type.Id}')");
        }

        Positive(errors, $"{key}:Cpu", type.Cpu);
        Positive(errors, $"{key}:MemoryMiB", type.MemoryMiB);
        Positive(errors, $"{key}:StorageGiB", type.StorageGiB);
        return Ec2DefaultInstanceTypes.Profile(
            type.Id ?? "", Math.Max(type.Cpu, 1), Math.Max(type.MemoryMiB, 1), Math.Max(type.StorageGiB, 1), type.Architecture);
    }

    private static void Positive(List<string> errors, string key, int value)
    {
        if (value <= 0)
        {
            errors.Add($"{key} must be a positive number (got {value})");
        }
    }

    /// <summary>A list given either as one comma-separated value or as numbered children (<c>Key:0</c>, <c>Key:1</c>).</summary>
    private static List<string> List(IConfigurationSection section) =>
        section.Value is { } value ? Split(value) : [.. section.GetChildren().SelectMany(c => Split(c.Value))];

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static DriverException Invalid(string providerId, string detail, Exception? inner) =>
        new(
            DriverErrorKind.Unavailable,
            $"ec2 provider '{providerId}' has invalid settings: {detail}. Fix its configuration section " +
            "(settings are listed in docs/providers-ec2.md).",
            inner: inner);

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$")]
    private static partial Regex InstanceTypeName();
}
