using System.Globalization;
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
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    [Fact]
    public async Task Every_field_of_every_write_body_states_a_limit_and_one_past_it_is_refused_with_its_pointer()
    {
        var document = await DocumentAsync();
        var fields = new List<Field>();
        var undeclared = new List<string>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject().Where(o => WriteMethods.Contains(o.Key)))
            {
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema)
                {
                    Collect($"{method.ToUpperInvariant()} {path}", Resolve(document, schema), [], document, fields, undeclared);
                }
            }
        }

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

    [Theory]
    [InlineData("limits")]
    [InlineData("warnAt")]
    public async Task A_budget_too_large_for_the_counters_is_400_with_its_limit_not_500(string member)
    {
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

    /// <summary>Follows <c>$ref</c> and the <c>oneOf: [null, X]</c> of a nullable member to the schema itself.</summary>
    private static JsonObject Resolve(JsonObject document, JsonNode schema)
    {
        if ((string?)schema["$ref"] is { } reference)
        {
            return Resolve(document, document["components"]!["schemas"]![reference.Split('/')[^1]]!);
        }

        if (schema["oneOf"] is JsonArray choices)
        {
            return Resolve(document, choices.Single(c => (string?)c!["type"] != "null")!);
        }

        return schema.AsObject();
    }

    private static string[] Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => [.. types.Select(t => (string)t!)],
        JsonValue type => [(string)type!],
        _ => [],
    };

    /// <summary>The fields under <paramref name="schema"/>, each with a value one past its limit; those without a limit go to <paramref name="undeclared"/>.</summary>
    private static void Collect(string operation, JsonObject schema, string[] path, JsonObject document, List<Field> fields, List<string> undeclared)
    {
        foreach (var (name, member) in schema["properties"]?.AsObject() ?? [])
        {
            var at = path.Append(name).ToArray();
            var property = Resolve(document, member!);
            var types = Types(property);
            var where = $"{operation} /{string.Join('/', at)}";
            if (types.Contains("object") && property["properties"] is not null)
            {
                Collect(operation, property, at, document, fields, undeclared);
            }
            else if (types.Contains("integer") || types.Contains("number"))
            {
                CollectNumber(operation, property, at, where, fields, undeclared);
            }
            else if (types.Contains("string"))
            {
                CollectText(operation, property, at, where, fields, undeclared);
            }
            else if (types.Contains("array"))
            {
                var item = Resolve(document, property["items"]!);
                var objects = Types(item).Contains("object");
                CollectCollection(operation, property, at, where, (int?)property["maxItems"], item,
                    count => new JsonArray([.. Enumerable.Range(0, count).Select(i => objects ? new JsonObject() : (JsonNode)$"item{i}")]), "0", document, fields, undeclared);
            }
            else if (types.Contains("object") && property["additionalProperties"] is JsonObject values)
            {
                CollectCollection(operation, property, at, where, (int?)property["maxProperties"], Resolve(document, values),
                    count => new JsonObject(Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"Key{i}", (JsonNode?)"v"))), "Key", document, fields, undeclared);
                if ((int?)property["propertyNames"]?["maxLength"] is { } keyLength)
                {
                    var key = new string('k', keyLength + 1);
                    fields.Add(new Field(operation, [.. at, key], new JsonObject { [key] = "v" }, ("maxLength", keyLength), Container: at));
                }
                else
                {
                    undeclared.Add(where + ": property names without maxLength");
                }
            }
            else if (!types.Contains("boolean"))
            {
                undeclared.Add(where + $": a {string.Join('|', types)} the test does not know how to limit");
            }
        }
    }

    private static void CollectNumber(string operation, JsonObject property, string[] at, string where, List<Field> fields, List<string> undeclared)
    {
        var (maximum, minimum) = ((long?)property["maximum"], (long?)property["minimum"]);
        if (maximum is null && minimum is null)
        {
            undeclared.Add(where + ": a number without minimum or maximum");
        }

        if (maximum is { } max)
        {
            fields.Add(new Field(operation, at, max + 1, ("max", max)));
        }

        if (minimum is { } min)
        {
            fields.Add(new Field(operation, at, min - 1, ("min", min)));
        }
    }

    private static void CollectText(string operation, JsonObject property, string[] at, string where, List<Field> fields, List<string> undeclared)
    {
        if ((int?)property["maxLength"] is not { } maxLength)
        {
            undeclared.Add(where + ": a string without maxLength");
            return;
        }

        fields.Add(new Field(operation, at, new string('a', maxLength + 1), ("maxLength", maxLength)));
        if ((string?)property["pattern"] is { } pattern && !Regex.IsMatch("a\r\nFORGED", pattern))
        {
            fields.Add(new Field(operation, at, "a\r\nFORGED", ("maxLength", maxLength)));
        }
    }

    private static void CollectCollection(
        string operation, JsonObject property, string[] at, string where, int? maxItems, JsonObject item, Func<int, JsonNode> make, string firstKey,
        JsonObject document, List<Field> fields, List<string> undeclared)
    {
        if (maxItems is { } most)
        {
            fields.Add(new Field(operation, at, make(most + 1), ("max", most)));
        }
        else
        {
            undeclared.Add(where + ": a collection without maxItems or maxProperties");
        }

        if (Types(item).Contains("object") && item["properties"] is not null)
        {
            Collect(operation, item, [.. at, "0"], document, fields, undeclared); // an array of objects: each field of its first item
        }
        else if (Types(item).Contains("string") && (int?)item["maxLength"] is { } maxLength)
        {
            var one = make(1);
            var tooLong = new string('a', maxLength + 1);
            if (one is JsonArray array)
            {
                array[0] = tooLong;
            }
            else
            {
                one[firstKey + "0"] = tooLong;
            }

            fields.Add(new Field(operation, [.. at, one is JsonArray ? firstKey : firstKey + "0"], one, ("maxLength", maxLength), Container: at));
        }
        else
        {
            undeclared.Add(where + ": items or values without a string maxLength");
        }
    }

    /// <summary>
    /// One value past one limit: <see cref="Path"/> names the field (and its <see cref="Pointer"/>), <see cref="Value"/> is put at
    /// <see cref="Container"/> (the field itself unless the value is the collection holding it), and the refusal must state <see cref="Limit"/>.
    /// </summary>
    private sealed record Field(string Operation, string[] Path, JsonNode Value, (string Name, long Value) Limit, string[]? Container = null)
    {
        public string Pointer => "/" + string.Join('/', Path.Select(p => p.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

        public JsonObject Body()
        {
            var target = Container ?? Path;
            var body = new JsonObject();
            var node = body;
            for (var i = 0; i < target.Length - 1; i++)
            {
                if (i > 0 && target[i] == "0")
                {
                    continue; // the item made with its array below
                }

                var next = new JsonObject();
                node[target[i]] = target[i + 1] == "0" && i + 2 < target.Length ? new JsonArray(next) : next;
                node = next;
            }

            node[target[^1]] = Value.DeepClone();
            return body;
        }

        public override string ToString() =>
            $"{Operation} {Pointer} = {Abbreviate(Value.ToJsonString())} (limit {Limit.Name} {Limit.Value.ToString(CultureInfo.InvariantCulture)})";

        private static string Abbreviate(string text) => text.Length <= 60 ? text : text[..60] + $"… ({text.Length} chars)";
    }
}
