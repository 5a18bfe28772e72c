using System.Globalization;
using Azure;
using Azure.Identity;
using Microsoft.Identity.Client;

namespace CloudBroker.Drivers.Azure;

/// <summary>
/// Turns what Azure.Core and Azure.Identity throw into <see cref="DriverException"/>s: by ARM error code first (it is
/// precise: a 404 PlatformImageNotFound is a bad request, not a missing VM), then by status. Messages name the
/// provider and the setting to check, and never carry the client secret.
/// </summary>
internal sealed class AzureErrors(string providerId, AzureSettings settings)
{
    private static readonly Dictionary<string, DriverErrorKind> ByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AuthorizationFailed"] = DriverErrorKind.Authentication,
        ["InvalidAuthenticationToken"] = DriverErrorKind.Authentication,
        ["InvalidAuthenticationTokenTenant"] = DriverErrorKind.Authentication,
        ["ExpiredAuthenticationToken"] = DriverErrorKind.Authentication,
        ["AuthenticationFailed"] = DriverErrorKind.Authentication,
        ["LinkedAuthorizationFailed"] = DriverErrorKind.Authentication,
        ["InvalidParameter"] = DriverErrorKind.InvalidRequest,
        ["PlatformImageNotFound"] = DriverErrorKind.InvalidRequest,
        ["InvalidResourceReference"] = DriverErrorKind.InvalidRequest,
        ["InvalidRequestContent"] = DriverErrorKind.InvalidRequest,
        ["InvalidTagNameCharacters"] = DriverErrorKind.InvalidRequest,
        ["BadRequest"] = DriverErrorKind.InvalidRequest,
        ["AllocationFailed"] = DriverErrorKind.Capacity,
        ["ZonalAllocationFailed"] = DriverErrorKind.Capacity,
        ["OverconstrainedAllocationRequest"] = DriverErrorKind.Capacity,
        ["OverconstrainedZonalAllocationRequest"] = DriverErrorKind.Capacity,
        ["SkuNotAvailable"] = DriverErrorKind.Capacity,
        ["QuotaExceeded"] = DriverErrorKind.Capacity,
        ["OperationNotAllowed"] = DriverErrorKind.Conflict,
        ["Conflict"] = DriverErrorKind.Conflict,
        ["PropertyChangeNotAllowed"] = DriverErrorKind.Conflict,
        ["OperationPreempted"] = DriverErrorKind.Conflict,
        ["ResourceNotFound"] = DriverErrorKind.NotFound,
        ["NotFound"] = DriverErrorKind.NotFound,
        ["TooManyRequests"] = DriverErrorKind.Throttled,
        ["SubscriptionRequestsThrottled"] = DriverErrorKind.Throttled,
        ["ResourceGroupNotFound"] = DriverErrorKind.Unavailable,
        ["SubscriptionNotFound"] = DriverErrorKind.Unavailable,
    };

    /// <summary>Runs an SDK call and translates its failures; <paramref name="what"/> says what was asked (for messages).</summary>
    public async Task<T> RunAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (Translate(what, ex) is { } translated)
        {
            throw translated;
        }
    }

    public DriverException? Translate(string what, Exception exception) => exception switch
    {
        RequestFailedException failed => FromArm(what, failed),
        CredentialUnavailableException unavailable => new DriverException(DriverErrorKind.Unavailable,
            Scrub($"azure provider '{providerId}': no credential could be used: {FirstLine(unavailable.Message)}"), inner: null),
        AuthenticationFailedException refused => FromIdentity(refused),
        HttpRequestException network => new DriverException(DriverErrorKind.Unavailable,
            $"azure provider '{providerId}': {what} could not reach {settings.Endpoint}: {network.Message}"),
        _ => null,
    };

    private DriverException FromArm(string what, RequestFailedException ex)
    {
        var code = ex.ErrorCode ?? "";
        var kind = ByCode.TryGetValue(code, out var known) ? known : ex.Status switch
        {
            401 or 403 => DriverErrorKind.Authentication,
            404 => DriverErrorKind.NotFound,
            400 or 422 => DriverErrorKind.InvalidRequest,
            409 or 412 => DriverErrorKind.Conflict,
            429 => DriverErrorKind.Throttled,
            408 => DriverErrorKind.Timeout,
            _ => DriverErrorKind.Unavailable,
        };
        if (kind == DriverErrorKind.Conflict && FirstLine(ex.Message).Contains("quota", StringComparison.OrdinalIgnoreCase))
        {
            kind = DriverErrorKind.Capacity;
        }

        var detail = ex.Status == 0 ? $"no answer from {settings.Endpoint}: {FirstLine(ex.Message)}" : $"{ex.Status} {code}: {FirstLine(ex.Message)}";
        var hint = kind switch
        {
            DriverErrorKind.Authentication => $" — check that service principal Credentials:ClientId '{settings.Credentials.ClientId}' has the role described in docs/providers-azure.md on resource group '{settings.ResourceGroup}'",
            DriverErrorKind.Unavailable when code is "ResourceGroupNotFound" or "SubscriptionNotFound" => " — check SubscriptionId and ResourceGroup",
            _ => "",
        };
        return new DriverException(kind, Scrub($"azure provider '{providerId}': {what} failed: {detail}{hint}"),
            kind == DriverErrorKind.Throttled ? RetryAfter(ex) : null);
    }

    private DriverException FromIdentity(AuthenticationFailedException ex)
    {
        // A token endpoint that cannot be reached is an outage, not a refused credential.
        var unreachable = ex.InnerException is HttpRequestException or RequestFailedException { Status: 0 or >= 500 }
            or MsalServiceException { StatusCode: 0 or >= 500 };
        var aad = FirstLine(ex.InnerException?.Message ?? ex.Message);
        return unreachable
            ? new DriverException(DriverErrorKind.Unavailable,
                Scrub($"azure provider '{providerId}': Entra ID at {settings.AuthorityHost} did not answer ({aad}); check AuthorityHost"))
            : new DriverException(DriverErrorKind.Authentication,
                Scrub($"azure provider '{providerId}': Entra ID refused the client credentials of Credentials:ClientId '{settings.Credentials.ClientId}' " +
                      $"in Credentials:TenantId '{settings.Credentials.TenantId}' ({aad}); check Credentials:ClientSecret, which may be wrong or expired"));
    }

    /// <summary>ARM sends whole seconds in <c>Retry-After</c> (an HTTP date is allowed too).</summary>
    private static TimeSpan? RetryAfter(RequestFailedException ex)
    {
        if (ex.GetRawResponse() is not { } response || !response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? TimeSpan.FromTicks(Math.Max(0, (at - DateTimeOffset.UtcNow).Ticks))
            : null;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }

    /// <summary>Belt and braces: whatever a library put into a message, the secret never leaves.</summary>
    private string Scrub(string message) =>
        message.Replace(settings.Credentials.ClientSecret, "***", StringComparison.Ordinal);
}
