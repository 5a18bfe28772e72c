using System.Diagnostics;
using CloudBroker.Api.Models;
using CloudBroker.Drivers;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Secrets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.Apis;

/// <summary>
/// <c>POST /api/providers/{id}/test</c>: probes the provider (<see cref="GatedDriver.ProbeAsync"/>: its realms, at least
/// one of which must answer) with a short timeout, so an admin sees at once whether it is reachable and takes its
/// credentials; its outcome counts towards the provider's health like any call's. A refusal is a problem naming the provider, whose type says
/// which: <c>provider-authentication-failed</c>, <c>provider-credentials-unreadable</c>, <c>provider-unavailable</c>
/// or <c>provider-error</c> (<see cref="DriverErrorTable"/>, as for operations). The read is paced like every other: its
/// turn is waited for within the timeout; a later one answers <c>provider-unavailable</c>.
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
            // The probe the health monitor makes, even while the provider's circuit is open: the admin sees the provider as it is now.
            var realms = await driver.AtTurnAsync(d => d.ProbeAsync(deadline.Token), timeout, deadline.Token);
            return TypedResults.Ok(new ProviderTestModel(true, clock.ElapsedMilliseconds, realms.Count));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Problem(ProblemTypes.ProviderUnavailable, id, $"provider '{id}' did not answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (ProviderPacedException paced)
        {
            throw Problem(ProblemTypes.ProviderUnavailable, id,
                $"provider '{id}' was not called: the broker's request budget for its reads has no turn within {timeout.TotalSeconds:0.###} s (next at {paced.Until:yyyy-MM-ddTHH:mm:ssZ})");
        }
        catch (DriverException ex)
        {
            throw Problem(DriverErrorTable.ProblemOf(ex.Kind), id, $"provider '{id}': {ex.Message}");
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
