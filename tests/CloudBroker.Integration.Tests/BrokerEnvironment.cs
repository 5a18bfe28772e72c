namespace CloudBroker.Integration.Tests;

/// <summary>The environment every scenario gives its broker processes, before its own settings.</summary>
internal static class BrokerEnvironment
{
    public const string AdminKey = "cb-integration-admin-key-7c41e9a02b5d";

    /// <summary>
    /// One data folder, the bootstrap admin key, no libvirt (its test host lives inside one process), quiet logs,
    /// and, with <paramref name="fastRecovery"/>, fast timers and short leases: a step lost with a killed process
    /// is re-driven by the sweeper, and its outbox rows taken over by another dispatcher, within seconds.
    /// </summary>
    /// <summary>
    /// <see cref="Create"/> for load scenarios: quick polls, and a mock that answers at once driven as hard as the
    /// workers can (the default pacing is for real clouds).
    /// </summary>
    public static Dictionary<string, string> ForLoad(string dataDirectory, IReadOnlyDictionary<string, string?> mockSettings)
    {
        var environment = Create(dataDirectory, mockSettings, fastRecovery: false);
        environment["CloudBroker__Provisioning__PollInterval"] = "00:00:00.1";
        environment["CloudBroker__Outbox__PollInterval"] = "00:00:00.1";
        environment["CloudBroker__Providers__mock__MaxConcurrency"] = "64";
        environment["CloudBroker__Providers__mock__RequestsPerSecond"] = "10000";
        environment["CloudBroker__Providers__mock__Burst"] = "1000";
        return environment;
    }

    public static Dictionary<string, string> Create(string dataDirectory, IReadOnlyDictionary<string, string?> mockSettings, bool fastRecovery)
    {
        var environment = new Dictionary<string, string>
        {
            ["CloudBroker__DataDirectory"] = dataDirectory,
            ["CloudBroker__BootstrapAdminKey"] = AdminKey,
            ["CloudBroker__Providers__libvirt__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",

            // The scenarios are load generators polling hundreds of operations with one key: the rate limits (tested in
            // Api.Tests) would answer them 429, as they would any client that polls this hard.
            ["CloudBroker__RateLimits__PerCaller__RequestsPerSecond"] = "1000000",
            ["CloudBroker__RateLimits__PerCaller__Burst"] = "1000000",
            ["CloudBroker__RateLimits__PerAddress__RequestsPerSecond"] = "1000000",
            ["CloudBroker__RateLimits__PerAddress__Burst"] = "1000000",
        };
        if (fastRecovery)
        {
            environment["CloudBroker__Provisioning__PollInterval"] = "00:00:00.05";
            environment["CloudBroker__Provisioning__LeaseLength"] = "00:00:01";
            environment["CloudBroker__Provisioning__SweepInterval"] = "00:00:00.5";
            environment["CloudBroker__Provisioning__RetryBaseDelay"] = "00:00:00.05";
            environment["CloudBroker__Provisioning__MaxRetryDelay"] = "00:00:00.5";
            environment["CloudBroker__Outbox__PollInterval"] = "00:00:00.1";
            environment["CloudBroker__Outbox__ClaimLease"] = "00:00:01";

            // A claim whose request died with its process is taken over after this.
            environment["CloudBroker__Idempotency__Lease"] = "00:00:02";
        }

        foreach (var (key, value) in MockCloudSettings.AsEnvironment(mockSettings))
        {
            environment[key] = value;
        }

        return environment;
    }
}
