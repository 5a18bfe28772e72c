namespace CloudBroker.Testing.Azure;

/// <summary>
/// How an <see cref="ArmFake"/> behaves. Plain settable properties: tests and the benchmark scale limits down or
/// switch faults on, even while the fake runs (each request reads them afresh).
/// </summary>
public sealed class ArmFakeOptions
{
    public string TenantId { get; set; } = "00000000-0000-0000-0000-00000000e1d0";

    public string ClientId { get; set; } = "00000000-0000-0000-0000-0000000c11e7";

    public string ClientSecret { get; set; } = "fake-client-secret";

    public string SubscriptionId { get; set; } = "00000000-0000-0000-0000-000000005ab5";

    public string ResourceGroup { get; set; } = "cloudbroker-test";

    public string Location { get; set; } = "westeurope";

    /// <summary>The location's availability zones.</summary>
    public IList<string> Zones { get; } = ["1", "2", "3"];

    /// <summary>The one subnet that exists (full ARM id); defaults to vnet <c>cb-vnet</c>, subnet <c>default</c>.</summary>
    public string? SubnetId { get; set; }

    /// <summary>Marketplace images that exist, as <c>publisher:offer:sku</c> (any version is served).</summary>
    public IList<string> Images { get; } =
    [
        "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2",
        "Debian:debian-12:12-gen2",
    ];

    /// <summary>How long a new VM stays <c>Creating</c> before it runs.</summary>
    public TimeSpan CreatingFor { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan StartingFor { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long deallocate and power-off take.</summary>
    public TimeSpan StoppingFor { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RestartingFor { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan DeletingFor { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Write requests (PUT, DELETE, POST actions) a subscription may make at once; ARM's bucket holds 200.</summary>
    public int WriteBurst { get; set; } = 200;

    /// <summary>Write tokens added back per second; ARM refills 10 per second.</summary>
    public double WriteRefillPerSecond { get; set; } = 10;

    /// <summary>Fraction (0..1) of ARM requests answered 500 or 503 before they do anything.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>A new VM is made, then the PUT answers 500: the caller cannot tell whether it worked.</summary>
    public bool FailAfterCreate { get; set; }

    /// <summary>New VMs stay <c>Creating</c> for ever (their operation stays <c>InProgress</c>).</summary>
    public bool NeverReady { get; set; }

    /// <summary>When set, creates are refused (409) with this error code: AllocationFailed, ZonalAllocationFailed, SkuNotAvailable, or OperationNotAllowed (a vCPU quota).</summary>
    public string? CapacityError { get; set; }

    /// <summary>VMs per page of a list; the rest follow through <c>nextLink</c>.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Lifetime of issued access tokens.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(3599);

    /// <summary>Seed of the fault dice, so a run can be repeated.</summary>
    public int Seed { get; set; } = 7;

    public TimeProvider Time { get; set; } = TimeProvider.System;

    internal string EffectiveSubnetId => SubnetId
        ?? $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Network/virtualNetworks/cb-vnet/subnets/default";
}
