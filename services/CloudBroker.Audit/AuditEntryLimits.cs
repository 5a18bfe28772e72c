namespace CloudBroker.Audit;

/// <summary>Column lengths of the values a client chooses (a path or a route value can be as long as a client likes); <see cref="AuditText"/> cuts to them.</summary>
public static class AuditEntryLimits
{
    public const int Route = 256;

    public const int Target = 256;
}
