namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// The <c>LISTEN</c>/<c>NOTIFY</c> channels processes tell each other on. A lost notification only costs time: each
/// subscriber also looks on its own schedule (docs/operations.md has the table).
/// </summary>
internal static class NotificationChannels
{
    /// <summary>An API process committed outbox rows: the workers' dispatchers look at once.</summary>
    public const string Outbox = "cloudbroker_outbox";

    /// <summary>A key was revoked or a user or group changed: every API process drops its cached keys.</summary>
    public const string Identity = "cloudbroker_identity";

    /// <summary>A provider defined through the API changed: every process re-opens it.</summary>
    public const string Providers = "cloudbroker_providers";
}
