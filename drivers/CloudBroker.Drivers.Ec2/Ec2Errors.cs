using System.Net.Sockets;
using Amazon.Runtime;

namespace CloudBroker.Drivers.Ec2;

/// <summary>
/// The one place EC2's failures become <see cref="DriverException"/>s: by error code first (EC2 answers some
/// client errors, such as InsufficientInstanceCapacity, with a 5xx), then by HTTP status, then by transport failure.
/// Messages carry EC2's code and text, which never hold a secret.
/// </summary>
internal static class Ec2Errors
{
    /// <summary>How long to wait after RequestLimitExceeded: the RunInstances bucket refills 2 tokens a second.</summary>
    public static readonly TimeSpan ThrottleRetryAfter = TimeSpan.FromSeconds(1);

    private static readonly string[] AuthenticationCodes =
        ["AuthFailure", "UnauthorizedOperation", "InvalidClientTokenId", "SignatureDoesNotMatch", "OptInRequired", "Blocked",
         "ExpiredToken", "RequestExpired", "MissingAuthenticationToken"];

    private static readonly string[] ThrottleCodes = ["RequestLimitExceeded", "Throttling", "ThrottlingException"];

    private static readonly string[] CapacityCodes =
        ["InsufficientInstanceCapacity", "InsufficientCapacity", "InsufficientHostCapacity", "InstanceLimitExceeded",
         "VcpuLimitExceeded", "InsufficientAddressCapacity", "InsufficientFreeAddressesInSubnet"];

    private static readonly string[] ConflictCodes = ["IncorrectInstanceState", "IncorrectState", "InvalidInstanceState"];

    public static bool IsInstanceNotFound(AmazonServiceException ex) =>
        ex.ErrorCode is "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed";

    /// <summary>Maps <paramref name="ex"/>, a failure of <paramref name="what"/>, to the driver taxonomy.</summary>
    public static DriverException Map(Exception ex, string providerId, string what) => ex switch
    {
        DriverException driver => driver,
        AmazonServiceException service => FromService(service, providerId, what),
        TimeoutException or TaskCanceledException => Timeout(ex, providerId, what),
        AmazonClientException { InnerException: TimeoutException or TaskCanceledException } => Timeout(ex, providerId, what),
        _ => new DriverException(
            DriverErrorKind.Unavailable, $"ec2 provider '{providerId}' could not be reached for {what}: {ex.Message}", inner: ex),
    };

    /// <summary>Whether <paramref name="ex"/> is an EC2 answer or a transport failure (not a bug of ours, which must surface as is).</summary>
    public static bool IsProviderFailure(Exception ex) =>
        ex is AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or IOException or TimeoutException or TaskCanceledException;

    private static DriverException FromService(AmazonServiceException ex, string providerId, string what)
    {
        var code = ex.ErrorCode ?? "";
        var detail = $"ec2 provider '{providerId}' refused {what}: {code} {ex.Message}".TrimEnd();
        var kind = code switch
        {
            _ when AuthenticationCodes.Contains(code) => DriverErrorKind.Authentication,
            _ when ThrottleCodes.Contains(code) => DriverErrorKind.Throttled,
            _ when CapacityCodes.Contains(code) => DriverErrorKind.Capacity,
            _ when ConflictCodes.Contains(code) => DriverErrorKind.Conflict,
            _ when IsInstanceNotFound(ex) => DriverErrorKind.NotFound,
            _ when code.StartsWith("Invalid", StringComparison.Ordinal) || code is "IdempotentParameterMismatch"
                or "MissingParameter" or "UnknownParameter" or "Unsupported" or "UnsupportedOperation" => DriverErrorKind.InvalidRequest,
            _ when (int)ex.StatusCode >= 500 || ex.StatusCode == 0 => DriverErrorKind.Unavailable,
            _ => DriverErrorKind.InvalidRequest,
        };
        return kind == DriverErrorKind.Throttled
            ? new DriverException(kind, detail, ThrottleRetryAfter, ex)
            : new DriverException(kind, detail, inner: ex);
    }

    private static DriverException Timeout(Exception ex, string providerId, string what) =>
        new(DriverErrorKind.Timeout, $"ec2 provider '{providerId}' did not answer {what} in time; it may or may not have acted", inner: ex);
}
