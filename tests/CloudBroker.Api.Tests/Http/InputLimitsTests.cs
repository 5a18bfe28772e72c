using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Identity.Tenancy;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary>
/// Every string and number a write endpoint takes has a limit stated in the served OpenAPI document, and one past it
/// answers <c>400 validation</c> naming the field and the limit, on SQLite and PostgreSQL alike. The list of fields
/// is read from the document, so a field added without a limit fails here by name.
/// </summary>
public sealed class InputLimitsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_field_of_every_write_body_states_a_limit_and_one_past_it_is_refused_with_its_pointer()
    {
        var (fields, undeclared) = DocumentedLimits.PastEachLimit(await DocumentAsync());

        Assert.True(undeclared.Count == 0, "fields without a stated limit:\n" + string.Join("\n", undeclared));
        Assert.True(fields.Count >= 40, $"only {fields.Count} limits found in the document");

        using var admin = factory.CreateAdminClient();
        var failures = new List<string>();
        foreach (var field in fields)
        {
            var (operation, path) = (field.Operation.Split(' ')[0], field.Operation.Split(' ')[1]);
            using var request = new HttpRequestMessage(new HttpMethod(operation), Regex.Replace(path.Replace("{scope}", "group", StringComparison.Ordinal), "{[^}]+}", "x"))
            {
                Content = Body(field.Body()),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var response = await admin.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            var error = response.StatusCode == HttpStatusCode.BadRequest
                ? JsonNode.Parse(text)?["errors"]?.AsArray().FirstOrDefault(e => (string?)e!["pointer"] == field.Pointer)
                : null;
            if (error is null || (long?)error["limit"]?[field.Limit.Name] != field.Limit.Value)
            {
                failures.Add($"{field}: {(int)response.StatusCode} {text}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {fields.Count} values past their limit were not refused as stated:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_budget_too_large_for_the_counters_is_400_with_its_limit_not_500()
    {
        const string member = "limits"; // the budget's warnAt is percentages (RatedBudgetTests)
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("budget"));
        var group = await admin.DefaultGroupAsync(tenant);
        foreach (var budget in new[] { "99999999999999999999999", "1000000000000", "79228162514264337593543950335" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/quotas/group/" + group)
            {
                Content = Body(new JsonObject { [member] = new JsonObject { ["budget"] = budget } }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var response = await admin.SendAsync(request, Ct);
            var error = await ExpectFieldErrorAsync(response, $"/{member}/budget");
            Assert.Equal(19, (int?)error["limit"]!["maxLength"]);
            Assert.NotNull((string?)error["limit"]!["pattern"]);
        }

        using var largest = new HttpRequestMessage(HttpMethod.Put, "/api/quotas/group/" + group)
        {
            Content = Body(new JsonObject { [member] = new JsonObject { ["budget"] = "999999999999.999999" } }),
        };
        largest.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        using var accepted = await admin.SendAsync(largest, Ct);
        var quota = await ExpectJsonAsync(accepted, HttpStatusCode.OK);
        Assert.Equal("999999999999.999999", (string?)quota[member]!["budget"]);
    }

    [Theory]
    [InlineData("email", 254)]
    [InlineData("subject", 255)]
    public async Task Sixty_kilobytes_nul_and_crlf_in_a_users_text_are_refused(string member, int maxLength)
    {
        using var admin = factory.CreateAdminClient();
        var user = await admin.CreateUserAsync(SystemTenant.TenantId, UniqueName("u"), ["member"], SystemTenant.GroupId);
        foreach (var value in new[] { new string('e', 60_000), "a\0b@example.com", "a@example.com\r\nX-Forged: 1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/users/" + user) { Content = Body(new JsonObject { [member] = value }) };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var response = await admin.SendAsync(request, Ct);
            var error = await ExpectFieldErrorAsync(response, "/" + member);
            Assert.Equal(maxLength, (int?)error["limit"]!["maxLength"]);
        }
    }

    [Fact]
    public async Task Descriptions_refuse_control_characters_and_take_their_full_length_on_every_engine()
    {
        using var admin = factory.CreateAdminClient();
        using (var refused = await admin.PostAsync("/api/tenants", Body(new JsonObject { ["name"] = "t", ["description"] = "first\nsecond" }), Ct))
        {
            await ExpectFieldErrorAsync(refused, "/description");
        }

        using (var tooLong = await admin.PostAsync("/api/groups", Body(new JsonObject { ["name"] = "g", ["description"] = new string('d', 1025) }), Ct))
        {
            Assert.Equal(1024, (int?)(await ExpectFieldErrorAsync(tooLong, "/description"))["limit"]!["maxLength"]);
        }

        // At the limit, in characters that take two bytes each: stored as sent (PostgreSQL counts characters too).
        var description = new string('é', 1024);
        var (tenant, _) = await admin.PostAsync("/api/tenants", new JsonObject { ["name"] = UniqueName("full"), ["description"] = description });
        Assert.Equal(description, (string?)tenant["description"]);
        var email = new string('m', 254 - "@example.com".Length) + "@example.com";
        var user = await admin.CreateUserAsync(SystemTenant.TenantId, UniqueName("mail"), ["member"], SystemTenant.GroupId);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/users/" + user) { Content = Body(new JsonObject { ["email"] = email }) };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var patched = await admin.SendAsync(patch, Ct);
        Assert.Equal(email, (string?)(await ExpectJsonAsync(patched, HttpStatusCode.OK))["email"]);
    }

    [Theory]
    [InlineData("web\n")]
    [InlineData("web\r\n")]
    [InlineData("we\u0000b")]
    public async Task A_name_with_a_line_break_or_nul_is_no_label(string name)
    {
        using var admin = factory.CreateAdminClient();
        using var response = await admin.PostAsync(InstanceCalls.Request(name));
        await ExpectFieldErrorAsync(response, "/name");
    }

    [Fact]
    public async Task Half_a_surrogate_pair_is_refused()
    {
        using var admin = factory.CreateAdminClient();
        using var content = new StringContent("""{"name":"half","description":"x\ud800y"}""", Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync("/api/tenants", content, Ct);
        await ExpectFieldErrorAsync(response, "/description");
    }

    [Theory]
    [InlineData("""{"name":"one","name":"two"}""", "/name")]
    [InlineData("""{"name":"one","Name":"two"}""", "/Name")]
    [InlineData("""{"name":"one","description":"a","description":"b"}""", "/description")]
    public async Task A_property_given_twice_is_refused(string json, string pointer)
    {
        using var admin = factory.CreateAdminClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync("/api/tenants", content, Ct);
        var error = await ExpectFieldErrorAsync(response, pointer);
        Assert.Contains("more than once", (string?)error["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_given_twice_is_refused()
    {
        using var admin = factory.CreateAdminClient();
        using var content = new StringContent("""{"id":"twice","driver":"mock","settings":{"BootDelay":"00:00:01","BootDelay":"00:00:02"}}""", Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync("/api/providers", content, Ct);
        await ExpectFieldErrorAsync(response, "/settings/BootDelay");
    }

    [Fact]
    public async Task Two_idempotency_keys_are_refused_whether_sent_as_two_lines_or_joined_into_one()
    {
        using var admin = factory.CreateAdminClient();
        var name = UniqueName("twokeys");
        foreach (var keys in new[] { new[] { "first", "second" }, ["first, second"] })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = Body(InstanceCalls.Request(name)) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", keys);
            using var response = await admin.SendAsync(request, Ct);
            var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
            Assert.Equal("Idempotency-Key", (string?)problem["errors"]![0]!["parameter"]);
        }

        using var list = await admin.GetAsync("/api/instances?name=" + name, Ct);
        Assert.Empty((await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_streamed_delete_body_over_64_KiB_is_413_before_the_delete_runs()
    {
        using var admin = factory.CreateAdminClient();
        var (id, _) = await admin.CreateAsync(InstanceCalls.Request(UniqueName("chunked")));
        await admin.WaitForStateAsync(id, "running");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/instances/" + id)
        {
            Content = new UnsizedContent(new JsonObject { ["padding"] = new string('x', 70 * 1024) }.ToJsonString(), writeSize: 4096),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await admin.SendAsync(request, Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(64 * 1024, (int?)problem["limit"]);
        Assert.Equal("running", (string?)(await admin.WaitForStateAsync(id, "running"))["state"]);
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json", Ct);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }
}
