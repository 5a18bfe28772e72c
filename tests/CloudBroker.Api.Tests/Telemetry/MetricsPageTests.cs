using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> (on when configured) shows an operator the pipeline after a create: how long provisioning and provider
/// calls took by provider, kind and outcome, and the outbox's lag and backlog. (The lane <c>served-pages</c> runs
/// promtool over the same page.)
/// </summary>
public sealed class MetricsPageTests(TelemetryFactory factory) : IClassFixture<TelemetryFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterACreateTheMetricsPageHoldsTheProvisioningMetrics()
    {
        using var client = factory.CreateAdminClient();
        var (_, operation) = await client.CreateAsync(InstanceCalls.Request("metered-1"));
        await client.WaitForOperationAsync((string)operation["id"]!, "succeeded");

        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("# TYPE cloudbroker_provisioning_duration_seconds histogram", page, StringComparison.Ordinal);
        Assert.Matches("""cloudbroker_provisioning_duration_seconds_count\{[^}]*cloudbroker_operation_kind="create"[^}]*cloudbroker_outcome="succeeded"[^}]*cloudbroker_provider="mock"[^}]*\} [1-9]""", page);
        Assert.Matches("""cloudbroker_provider_call_duration_seconds_count\{[^}]*cloudbroker_call="CreateInstance"[^}]*cloudbroker_call_kind="create"[^}]*cloudbroker_outcome="answered"[^}]*cloudbroker_provider="mock"[^}]*\} [1-9]""", page);
        Assert.Contains("# TYPE cloudbroker_outbox_lag_seconds histogram", page, StringComparison.Ordinal);
        Assert.Contains("# TYPE cloudbroker_outbox_backlog gauge", page, StringComparison.Ordinal);

        // Provider health: the available mock, and the provider whose driver does not exist, with its trouble.
        Assert.Matches("""cloudbroker_provider_status\{[^}]*cloudbroker_provider="mock",cloudbroker_provider_state="available",cloudbroker_provider_trouble="none"[^}]*\} 1""", page);
        Assert.Matches("""cloudbroker_provider_status\{[^}]*cloudbroker_provider="broken",cloudbroker_provider_state="unavailable",cloudbroker_provider_trouble="[a-z-]+"[^}]*\} 1""", page);
    }

    [Fact]
    public async Task TheMetricsPageIsOffUnlessConfigured()
    {
        await using var plain = new ApiFactory();
        using var client = plain.CreateAdminClient();
        using var response = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
