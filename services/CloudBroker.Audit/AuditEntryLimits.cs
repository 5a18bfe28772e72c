namespace CloudBroker.Audit;

/// <summary>Column lengths the recorder cuts its values to (a path or a route value can be as long as a client likes).</summary>
public static class AuditEntryLimits
{
    public const int Route = 256;

    public const int Target = 256;

    public static string? Cut(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
