namespace CloudBroker.Audit;

/// <summary>The outcome words of an <see cref="AuditEntry"/>, derived from the final HTTP status.</summary>
public static class AuditResult
{
    public const string Succeeded = "succeeded";

    public const string Refused = "refused";

    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Succeeded, Refused, Failed];

    public static string ForStatus(int status) => status switch
    {
        >= 500 => Failed,
        >= 400 => Refused,
        _ => Succeeded,
    };
}
