using CloudBroker.Drivers;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Provisioning.Calls;

/// <summary>
/// What each driver error kind means to the broker, in one table: the problem type a request or an operation that met
/// it ends with (the workflow's operation errors, <c>POST /api/providers/{id}/test</c>), and the category a provider
/// that cannot be used because of it is listed under. Every kind has a row (a test holds it to that).
/// </summary>
public static class DriverErrorTable
{
    private static readonly Dictionary<DriverErrorKind, (ProblemType Problem, ProviderStatusCategory Category)> Rows = new()
    {
        [DriverErrorKind.Authentication] = (ProblemTypes.ProviderAuthenticationFailed, ProviderStatusCategory.CredentialsRefused),
        [DriverErrorKind.NotFound] = (ProblemTypes.ProviderError, ProviderStatusCategory.ProviderError),
        [DriverErrorKind.InvalidRequest] = (ProblemTypes.ProviderError, ProviderStatusCategory.ProviderError),
        [DriverErrorKind.Conflict] = (ProblemTypes.ProviderError, ProviderStatusCategory.ProviderError),
        [DriverErrorKind.Capacity] = (ProblemTypes.ProviderError, ProviderStatusCategory.ProviderError),
        [DriverErrorKind.Throttled] = (ProblemTypes.ProviderUnavailable, ProviderStatusCategory.Throttled),
        [DriverErrorKind.Unavailable] = (ProblemTypes.ProviderUnavailable, ProviderStatusCategory.Unreachable),
        [DriverErrorKind.Timeout] = (ProblemTypes.ProviderUnavailable, ProviderStatusCategory.Unreachable),
    };

    /// <summary>The problem type of a request or operation that failed with <paramref name="kind"/>.</summary>
    public static ProblemType ProblemOf(DriverErrorKind kind) => Rows[kind].Problem;

    /// <summary>The category of a provider that cannot be used because its calls fail with <paramref name="kind"/>.</summary>
    public static ProviderStatusCategory CategoryOf(DriverErrorKind kind) => Rows[kind].Category;

    /// <summary>
    /// Whether <paramref name="kind"/> means the provider could not be reached (down, restarting, cut off): waiting helps,
    /// so a workflow step keeps retrying it until its operation's deadline, and it counts against the provider's health.
    /// </summary>
    public static bool IsUnreachable(DriverErrorKind kind) => CategoryOf(kind) == ProviderStatusCategory.Unreachable;

    /// <summary>The kinds the table has a row for.</summary>
    public static IReadOnlyCollection<DriverErrorKind> Kinds => Rows.Keys;
}
