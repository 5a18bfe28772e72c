using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Instances;

/// <summary>
/// Provider <c>lite</c> declares no optional capability: the core refuses what needs one before any driver call,
/// and instances there list only the actions it can do. Provider <c>broken</c> cannot be used at all.
/// </summary>
public sealed class CapabilityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("realmId", "\"eu-1a\"", "realmChoice")]
    [InlineData("keyId", "\"0193c5a0-0000-7000-8000-000000000000\"", "sshKey")]
    [InlineData("userData", "\"#cloud-config\"", "userData")]
    public async Task An_option_the_provider_lacks_is_refused_naming_the_capability(string field, string json, string capability)
    {
        var body = InstanceCalls.Request(UniqueName("lite"), "lite");
        body[field] = JsonNode.Parse(json);
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync(body);
        await ExpectCapabilityProblemAsync(response, capability);
    }

    [Fact]
    public async Task A_size_other_than_the_default_is_refused_on_a_provider_without_profile_ranges()
    {
        // lite's catalog shows m1-small fixed at 1024 MiB, so another size is a validation error naming that value.
        var body = InstanceCalls.Request(UniqueName("lite"), "lite");
        body["memoryMiB"] = 2048;
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync(body);
        var error = await ExpectFieldErrorAsync(response, "/memoryMiB");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"min": 1024, "max": 1024}"""), error["limit"]), error.ToJsonString());
    }

    [Fact]
    public async Task The_default_size_may_be_named_on_a_provider_without_profile_ranges()
    {
        var body = InstanceCalls.Request(UniqueName("lite"), "lite");
        body["memoryMiB"] = 1024;
        body["storageGiB"] = 10;
        using var client = factory.CreateAdminClient();
        await client.CreateAsync(body);
    }

    [Fact]
    public async Task Instances_on_lite_offer_only_destroy_and_refuse_stop_and_reboot()
    {
        using var client = factory.CreateAdminClient();
        var instance = await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("lite"), "lite"));
        var id = (string)instance["id"]!;
        Assert.Equal(["destroy"], Strings(instance["actions"]));

        foreach (var (action, capability) in new[] { ("stop", "startStop"), ("reboot", "reboot"), ("start", "startStop") })
        {
            using var response = await client.PostAsync($"/api/instances/{id}/{action}", null, Ct);
            await ExpectCapabilityProblemAsync(response, capability);
        }

        await client.ActAsync(id, "destroy");
        await client.WaitForStateAsync(id, "terminated");
    }

    [Fact]
    public async Task A_create_on_an_unavailable_provider_is_503_with_the_reason()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync(InstanceCalls.Request(UniqueName("broken"), "broken"));
        var problem = await ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.Contains("'nope'", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
