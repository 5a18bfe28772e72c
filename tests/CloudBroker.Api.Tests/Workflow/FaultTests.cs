using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow;

/// <summary>
/// Provider <c>flaky</c> fails every create (<c>Faults:Create:FailureRate=1</c>): the broker retries
/// (MaxAttempts 3, 50 ms base delay), then fails the operation with a problem and puts the instance in error.
/// </summary>
public sealed class FaultTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_create_that_keeps_failing_ends_failed_after_the_retries_with_a_problem()
    {
        using var client = factory.CreateAdminClient();
        var (id, accepted) = await client.CreateAsync(InstanceCalls.Request(UniqueName("flaky"), "flaky"));
        var operation = await client.WaitForOperationAsync((string)accepted["id"]!, "failed");

        Assert.Equal(3, (int?)operation["attempts"]);
        var error = operation["error"]!.AsObject();
        AssertMembers(error, "type", "title", "status", "detail");
        Assert.Equal("/problems/provider-unavailable", (string?)error["type"]);
        Assert.Equal(503, (int?)error["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["detail"]));

        var steps = operation["steps"]!.AsArray().Select(s => ((string)s!["name"]!, (string)s["status"]!)).ToArray();
        Assert.Equal(
            [("accepted", "succeeded"), ("provider-call", "retrying"), ("provider-call", "retrying"), ("completed", "failed")],
            steps);

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
