namespace CloudBroker.Bench.Clouds;

/// <summary>A provider's wire-level fake (tests/CloudBroker.Testing.*) as the clouds scenario drives it, in the harness process.</summary>
internal interface ICloudFake : IAsyncDisposable
{
    /// <summary>The driver name, and the provider id the scenario gives it.</summary>
    string Driver { get; }

    /// <summary>What the fake limits, in the provider's own words (for the report).</summary>
    string LimitName { get; }

    /// <summary>How long a machine the fake accepted stays pending before it runs.</summary>
    TimeSpan ReadyAfter { get; }

    /// <summary>The provider's settings, as environment variables for the API process.</summary>
    IReadOnlyDictionary<string, string> ProviderEnvironment(string providerId);

    /// <summary>Machines running at the fake now.</summary>
    int Running { get; }

    /// <summary>Create calls the fake refused as throttled so far.</summary>
    long Throttled { get; }
}
