using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow;

/// <summary>
/// Provider <c>flaky</c> fails every create as unreachable (<c>Faults:Create:FailureRate=1</c>): the broker retries
/// (50 ms base delay, 200 ms at most) until the create's deadline (a 1 s build timeout) — <c>MaxAttempts</c> (3) does not
/// bound an unreachable provider — then fails the operation with a problem and puts the instance in error.
/// </summary>
public sealed class FaultTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_create_whose_provider_never_answers_is_retried_until_its_deadline_then_failed_with_a_problem()
    {
        using var client = factory.CreateAdminClient();
        var (id, accepted) = await client.CreateAsync(InstanceCalls.Request(UniqueName("flaky"), "flaky"));
        var operation = await client.WaitForOperationAsync((string)accepted["id"]!, "failed");

        Assert.True((int)operation["attempts"]! > 3, $"attempts: {operation["attempts"]}");
        var error = operation["error"]!.AsObject();
        AssertMembers(error, "type", "title", "status", "detail");
        Assert.Equal("/problems/provider-unavailable", (string?)error["type"]);
        Assert.Equal(503, (int?)error["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["detail"]));
        var lastTry = (string)operation["steps"]!.AsArray().Last(s => (string?)s!["status"] == "retrying")!["at"]!;
        Assert.True(DateTime.Parse(lastTry, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime()
                    <= DateTime.Parse((string)operation["deadline"]!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());

        var steps = operation["steps"]!.AsArray().Select(s => ((string)s!["name"]!, (string)s["status"]!)).ToArray();
        Assert.Equal(("accepted", "succeeded"), steps[0]);
        Assert.Equal(("completed", "failed"), steps[^1]);
        Assert.All(steps[1..^1], s => Assert.Equal(("provider-call", "retrying"), s));

        using var response = await client.GetAsync("/api/instances/" + id, Ct);
        var instance = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("error", (string?)instance["state"]);
        Assert.Equal(["destroy"], Strings(instance["actions"]));
        Assert.Empty(Strings(instance["addresses"]));
    }

    [Fact]
    public async Task An_instance_in_error_can_be_destroyed()
    {
        using var client = factory.CreateAdminClient();
        var (id, accepted) = await client.CreateAsync(InstanceCalls.Request(UniqueName("flaky"), "flaky"));
        await client.WaitForOperationAsync((string)accepted["id"]!, "failed");

        var destroy = await client.ActAsync(id, "destroy");
        await client.WaitForStateAsync(id, "terminated");
        await client.WaitForOperationAsync((string)destroy["id"]!, "succeeded");
    }
}
