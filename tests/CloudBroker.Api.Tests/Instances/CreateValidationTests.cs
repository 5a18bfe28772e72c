using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Instances;

/// <summary><c>POST /api/instances</c> refusals: each names the field (JSON pointer) and the limit it broke.</summary>
public sealed class CreateValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("Upper")]
    [InlineData("../x")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("under_score")]
    [InlineData("")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task A_name_that_is_not_an_rfc_1123_label_is_refused(string name)
    {
        var error = await RefuseAsync(InstanceCalls.Request(name), "/name");
        Assert.Equal(63, (int?)error["limit"]!["maxLength"]);
    }

    [Fact]
    public async Task A_name_of_63_characters_is_accepted()
    {
        using var client = factory.CreateAdminClient();
        var name = "a" + new string('b', 61) + "c";
        var (id, _) = await client.CreateAsync(InstanceCalls.Request(name));
        using var response = await client.GetAsync("/api/instances/" + id, Ct);
        Assert.Equal(name, (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["name"]);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("providerId")]
    [InlineData("imageId")]
    [InlineData("hardwareProfileId")]
    public async Task A_missing_required_field_is_named(string field)
    {
        var body = InstanceCalls.Request("missing");
        body.Remove(field);
        await RefuseAsync(body, "/" + field);
    }

    [Fact]
    public async Task An_unknown_provider_is_refused_with_the_configured_ids()
    {
        var body = InstanceCalls.Request("x");
        body["providerId"] = "nope";
        var error = await RefuseAsync(body, "/providerId");
        Assert.Equal(["broken", "flaky", "lite", "mock"], Strings(error["limit"]!["values"]));
    }

    [Fact]
    public async Task A_disk_smaller_than_the_image_is_refused_with_the_images_minimum()
    {
        var body = InstanceCalls.Request("small-disk");
        body["imageId"] = "fedora-41"; // needs 20 GiB; m1-small's default disk is 10
        var error = await RefuseAsync(body, "/storageGiB");
        Assert.Equal(20, (int?)error["limit"]!["min"]);
        Assert.Contains("at least 20 GiB", (string?)error["detail"]);

        body["storageGiB"] = 20;
        using var client = factory.CreateAdminClient();
        var (id, _) = await client.CreateAsync(body);
        await client.WaitForStateAsync(id, "running");
    }

    [Theory]
    [InlineData("imageId", "windows-95", "debian-12,ubuntu-24-04,fedora-41")]
    [InlineData("hardwareProfileId", "m9-huge", "m1-small,m1-medium,m1-large")]
    [InlineData("realmId", "mars-1", "eu-1a,eu-1b")]
    [InlineData("realmId", "us-1a", "eu-1a,eu-1b")]
    public async Task An_unknown_catalog_id_is_refused_with_the_allowed_values(string field, string value, string allowed)
    {
        var body = InstanceCalls.Request("x");
        body[field] = value;
        var error = await RefuseAsync(body, "/" + field);
        Assert.Equal(allowed.Split(',').Order(), Strings(error["limit"]!["values"]).Order());
    }

    [Theory]
    [InlineData(256)]
    [InlineData(700)]
    [InlineData(8704)]
    [InlineData(0)]
    [InlineData(-512)]
    public async Task Memory_outside_the_range_or_off_its_step_is_refused_with_the_range(long memoryMiB)
    {
        var body = InstanceCalls.Request("x");
        body["memoryMiB"] = memoryMiB;
        var error = await RefuseAsync(body, "/memoryMiB");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"min": 512, "max": 8192, "step": 512}"""), error["limit"]), error.ToJsonString());
    }

    [Fact]
    public async Task Storage_outside_the_enum_is_refused_with_the_values()
    {
        var body = InstanceCalls.Request("x");
        body["storageGiB"] = 15;
        var error = await RefuseAsync(body, "/storageGiB");
        Assert.Equal([10, 20, 40], error["limit"]!["values"]!.AsArray().Select(v => int.Parse(v!.ToString(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_fixed_cpu_is_refused_when_another_value_is_asked()
    {
        var body = InstanceCalls.Request("x");
        body["cpu"] = 2;
        var error = await RefuseAsync(body, "/cpu");
        Assert.Equal((1, 1), ((int?)error["limit"]!["min"], (int?)error["limit"]!["max"]));
    }

    [Fact]
    public async Task Every_size_at_fault_is_listed_at_once()
    {
        var body = InstanceCalls.Request("x");
        body["memoryMiB"] = 100;
        body["storageGiB"] = 15;
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync(body);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["/memoryMiB", "/storageGiB"], problem["errors"]!.AsArray().Select(e => (string)e!["pointer"]!));
    }

    [Theory]
    [InlineData("tenantId", "\"other\"")]
    [InlineData("ownerId", "\"mallory\"")]
    [InlineData("state", "\"running\"")]
    [InlineData("id", "\"0193c5a0-0000-7000-8000-000000000000\"")]
    public async Task A_property_the_request_does_not_have_is_refused(string property, string json)
    {
        var body = InstanceCalls.Request("x");
        body[property] = JsonNode.Parse(json);
        await RefuseAsync(body, "/" + property);
    }

    [Theory]
    [InlineData("memoryMiB", "\"lots\"")]
    [InlineData("cpu", "1.5")]
    [InlineData("name", "42")]
    [InlineData("userData", "{}")]
    public async Task A_value_of_the_wrong_json_type_is_named(string property, string json)
    {
        var body = InstanceCalls.Request("x");
        body[property] = JsonNode.Parse(json);
        await RefuseAsync(body, "/" + property);
    }

    [Fact]
    public async Task User_data_over_16_KiB_is_refused_with_its_limit()
    {
        var body = InstanceCalls.Request("x");
        body["userData"] = new string('u', (16 * 1024) + 1);
        var error = await RefuseAsync(body, "/userData");
        Assert.Equal(16384, (int?)error["limit"]!["maxLength"]);
    }

    [Fact]
    public async Task User_data_of_16_KiB_is_accepted()
    {
        var body = InstanceCalls.Request(UniqueName("userdata"));
        body["userData"] = new string('u', 16 * 1024);
        using var client = factory.CreateAdminClient();
        await client.CreateAsync(body);
    }

    [Fact]
    public async Task An_unknown_key_is_refused()
    {
        var body = InstanceCalls.Request("x");
        body["keyId"] = "0193c5a0-0000-7000-8000-000000000000";
        await RefuseAsync(body, "/keyId");
    }

    [Fact]
    public async Task A_refused_create_leaves_no_instance_behind()
    {
        var name = UniqueName("refused");
        var body = InstanceCalls.Request(name);
        body["memoryMiB"] = 100;
        await RefuseAsync(body, "/memoryMiB");
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/instances?name=" + name, Ct);
        Assert.Empty((await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray());
    }

    private async Task<JsonObject> RefuseAsync(JsonObject body, string pointer)
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync(body);
        return await ExpectFieldErrorAsync(response, pointer);
    }
}
