namespace CloudBroker.Testing.Ec2;

/// <summary>
/// How the fake EC2 behaves. Plain settable properties, read on every request, so a test or the benchmark can
/// scale the RunInstances bucket down or switch a fault on while the fake runs.
/// </summary>
public sealed class Ec2FakeOptions
{
    public const string DefaultAccessKeyId = "AKIAFAKEEC2TESTKEY01";

    public const string DefaultSecretAccessKey = "fake-secret-access-key-for-tests-only";

    public string Region { get; set; } = "us-east-1";

    /// <summary>The region's availability zones (default: the region with a, b and c).</summary>
    public IList<string>? Zones { get; set; }

    public string AccountId { get; set; } = "123456789012";

    /// <summary>Access key ids the fake knows (read from the SigV4 <c>Credential=</c>); any other gets AuthFailure.</summary>
    public ISet<string> AccessKeyIds { get; } = new HashSet<string>(StringComparer.Ordinal) { DefaultAccessKeyId };

    public IList<Ec2FakeImage> Images { get; } =
    [
        new("ami-0a1b2c3d4e5f60718", "debian-12-amd64-20260101", "Debian 12 (bookworm) amd64", "x86_64", Ec2FakeImage.Self),
        new("ami-0b1c2d3e4f5a60719", "debian-12-arm64-20260101", "Debian 12 (bookworm) arm64", "arm64", Ec2FakeImage.Self),
        new("ami-0c1d2e3f4a5b6071a", "al2023-ami-2023.6-x86_64", "Amazon Linux 2023", "x86_64", "amazon"),
    ];

    /// <summary>Size of the RunInstances token bucket (AWS: 5).</summary>
    public int RunInstancesBurst { get; set; } = 5;

    /// <summary>Tokens added to the RunInstances bucket per second (AWS: 2).</summary>
    public double RunInstancesRefillPerSecond { get; set; } = 2;

    /// <summary>The bucket's level at the first RunInstances (default: full); 0 stands for an account whose budget was just spent.</summary>
    public double? RunInstancesInitialTokens { get; set; }

    /// <summary>Time from RunInstances or StartInstances to running.</summary>
    public TimeSpan PendingFor { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan StoppingFor { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ShuttingDownFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a terminated instance is still described (EC2: about an hour).</summary>
    public TimeSpan TerminatedVisibleFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most items one Describe page holds, whatever MaxResults asks (EC2 may answer fewer than asked).</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Share of requests (0..1, any action) answered 500 InternalError or 503 Unavailable without acting.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>RunInstances makes the instance, then answers 500: the caller cannot tell it was made.</summary>
    public bool FailAfterCreate { get; set; }

    /// <summary>Instances launched while set stay pending for ever.</summary>
    public bool NeverReady { get; set; }

    /// <summary>RunInstances answers InsufficientInstanceCapacity.</summary>
    public bool InsufficientCapacity { get; set; }

    /// <summary>Wait before answering any request (to test client timeouts).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Seed of the fault dice.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The clock of state changes and the token bucket.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    internal IReadOnlyList<string> ZoneNames => Zones is { Count: > 0 } zones ? [.. zones] : [Region + "a", Region + "b", Region + "c"];
}
