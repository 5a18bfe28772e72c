namespace CloudBroker.Hosting;

/// <summary>The <c>CloudBroker</c> configuration section (see the README's table for every key).</summary>
public sealed class BrokerSettings
{
    public const string Section = "CloudBroker";

    /// <summary>Where SQLite files and generated keys live; relative paths are taken from the current directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The bootstrap admin's API key; without it one is generated into <c>&lt;data&gt;/admin-api-key</c>.</summary>
    public string? BootstrapAdminKey { get; set; }

    public DatabaseSettings Database { get; set; } = new();

    /// <summary>What this process runs: <c>api</c>, <c>worker</c>, or both (the embedded default).</summary>
    public string Roles { get; set; } = "api,worker";

    public BusSettings Bus { get; set; } = new();

    /// <summary><c>CloudBroker:Telemetry</c>: where traces, metrics and logs go (nowhere by default).</summary>
    public TelemetrySettings Telemetry { get; set; } = new();

    /// <summary>The data folder as an absolute path.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory, Environment.CurrentDirectory);
}
