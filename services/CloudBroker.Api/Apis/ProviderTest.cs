using System.Diagnostics;
using CloudBroker.Api.Models;
using CloudBroker.Drivers;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Secrets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.Apis;

/// <summary>
/// <c>POST /api/providers/{id}/test</c>: reads the provider's realms with a short timeout, so an admin sees at once
/// whether it is reachable and takes its credentials. A refusal is a problem naming the provider, whose type says
/// which: <c>provider-authentication-failed</c>, <c>provider-credentials-unreadable</c>, <c>provider-unavailable</c>
/// or <c>provider-error</c>.
/// </summary>
internal static class ProviderTest
{
    public static async Task<Ok<ProviderTestModel>> RunAsync(
        string id, ProviderRegistry providers, ProviderCredentials credentials, IOptions<ProviderStoreOptions> options, CancellationToken cancellationToken)
    {
        var provider = providers.Find(id) ?? throw ProblemException.NotFound($"provider '{id}'");
        if (provider.Driver is not { } driver)
        {
            throw Unusable(provider, credentials);
        }

        var timeout = options.Value.TestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var realms = await driver.ListRealmsAsync(deadline.Token);
            return TypedResults.Ok(new ProviderTestModel(true, clock.ElapsedMilliseconds, realms.Count));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Problem(ProblemTypes.ProviderUnavailable, id, $"provider '{id}' did not answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (DriverException ex)
        {
            var type = ex.Kind switch
            {
                DriverErrorKind.Authentication => ProblemTypes.ProviderAuthenticationFailed,
                DriverErrorKind.Unavailable or DriverErrorKind.Timeout or DriverErrorKind.Throttled => ProblemTypes.ProviderUnavailable,
                _ => ProblemTypes.ProviderError,
            };
            throw Problem(type, id, $"provider '{id}': {ex.Message}");
        }
    }

    private static ProblemException Unusable(Provider provider, ProviderCredentials credentials)
    {
        if (provider.Stored is { Enabled: true } stored)
        {
            try
            {
                _ = credentials.Open(stored);
            }
            catch (SecretUnreadableException ex)
            {
                return Problem(ProblemTypes.ProviderCredentialsUnreadable, provider.Id, $"the credentials of provider '{provider.Id}' cannot be decrypted: {ex.Message}");
            }
        }

        return Problem(ProblemTypes.ProviderUnavailable, provider.Id, $"provider '{provider.Id}' is unavailable: {provider.UnavailableReason}");
    }

    private static ProblemException Problem(ProblemType type, string id, string detail) =>
        new(type, detail, extensions: new Dictionary<string, object?> { ["providerId"] = id });
}
