using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// Ownership inside a tenant, beside the role matrix (<see cref="AuthorizationMatrixTests"/>): which machines and SSH keys
/// of its own tenant each role reads and acts on. A member reaches what it owns and what is charged to one of its groups;
/// everything else of its tenant answers 404 exactly as another tenant's object or a random id does. A tenant-admin
/// reaches its whole tenant; auditors and finance read it; a role that may read an object but not act on it gets 403.
/// Each row runs on an object of its own, so a refused action is also shown to have changed nothing.
/// </summary>
public sealed class OwnershipMatrixTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>
    /// The reviewed table: caller, object, request, answer. In tenant "acme": alice (member of team-a and shared), bob
    /// (member of team-b and shared), carol (member of shared), boss (tenant-admin), eve (auditor), fin (finance), ann
    /// (member and auditor, of team-a); mallory is a member of another tenant. bob-team is bob's machine charged to team-b,
    /// bob-shared his machine charged to shared; bob-key is bob's SSH key (charged to his default group, team-b), carol-key
    /// carol's (charged to shared). "listed"/"hidden": whether the list shows it; key-use: a create naming the key.
    /// </summary>
    private const string ReviewedOwnership = """
        alice   bob-team    read       404
        alice   bob-team    events     404
        alice   bob-team    operation  404
        alice   bob-team    list       hidden
        alice   bob-team    stop       404
        alice   bob-team    reboot     404
        alice   bob-team    destroy    404
        alice   bob-shared  read       200
        alice   bob-shared  events     200
        alice   bob-shared  operation  200
        alice   bob-shared  list       listed
        alice   bob-shared  stop       202
        alice   bob-shared  reboot     202
        alice   bob-shared  destroy    202
        boss    bob-team    read       200
        boss    bob-team    events     200
        boss    bob-team    operation  200
        boss    bob-team    list       listed
        boss    bob-team    stop       202
        boss    bob-team    reboot     202
        boss    bob-team    destroy    202
        eve     bob-team    read       200
        eve     bob-team    events     200
        eve     bob-team    operation  200
        eve     bob-team    list       listed
        eve     bob-team    stop       403
        eve     bob-team    destroy    403
        fin     bob-team    read       200
        fin     bob-team    list       listed
        fin     bob-team    stop       403
        ann     bob-team    read       200
        ann     bob-team    list       listed
        ann     bob-team    stop       403
        ann     bob-team    reboot     403
        ann     bob-team    destroy    403
        mallory bob-shared  read       404
        mallory bob-shared  events     404
        mallory bob-shared  operation  404
        mallory bob-shared  list       hidden
        mallory bob-shared  stop       404
        mallory bob-shared  destroy    404
        alice   bob-key     key-read   404
        alice   bob-key     key-list   hidden
        alice   bob-key     key-delete 404
        alice   bob-key     key-use    400
        alice   carol-key   key-read   200
        alice   carol-key   key-list   listed
        alice   carol-key   key-delete 204
        alice   carol-key   key-use    202
        boss    bob-key     key-read   200
        boss    bob-key     key-list   listed
        boss    bob-key     key-delete 204
        boss    bob-key     key-use    202
        eve     bob-key     key-read   200
        eve     bob-key     key-list   listed
        eve     bob-key     key-delete 403
        ann     bob-key     key-read   200
        ann     bob-key     key-delete 403
        ann     bob-key     key-use    202
        mallory carol-key   key-read   404
        mallory carol-key   key-list   hidden
        mallory carol-key   key-delete 404
        mallory carol-key   key-use    400
        """;

    private static readonly string[] Actions = ["stop", "reboot", "destroy"];

    [Fact]
    public async Task Every_role_reaches_exactly_the_machines_and_keys_of_its_tenant_the_reviewed_table_says()
    {
        var world = await Acme.BuildAsync(factory);
        var rows = ReviewedOwnership.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(c => new Row(c[0], c[1], c[2], c[3]))
            .ToArray();

        // An object of its own for each row that could change it; reads share one per kind.
        var objects = new Dictionary<Row, string>();
        var shared = new Dictionary<string, (string Id, string Operation)>();
        foreach (var kind in rows.Select(r => r.Object).Distinct())
        {
            shared[kind] = await world.MakeAsync(kind);
        }

        var fresh = await Task.WhenAll(rows.Where(r => r.Changes).Select(async r => (Row: r, Made: await world.MakeAsync(r.Object))));
        foreach (var (row, made) in fresh)
        {
            objects[row] = made.Id;
        }

        await Task.WhenAll(objects.Where(o => !o.Key.IsKey).Select(o => world.Admin.WaitForStateAsync(o.Value, "running")));

        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            var (id, operation) = objects.TryGetValue(row, out var own) ? (own, shared[row.Object].Operation) : shared[row.Object];
            var seen = await AnswerAsync(world, row, id, operation);
            if (seen != row.Expected)
            {
                mismatches.Add($"{row}: {seen}");
            }
            else if (row.Expected == "404")
            {
                await AssertLikeARandomIdAsync(world, row, id, operation);
            }

            if (row.Changes && row.Expected is "404" or "403")
            {
                await AssertUntouchedAsync(world, row, id);
            }
        }

        Assert.True(mismatches.Count == 0, "answers that differ from the reviewed table:\n" + string.Join("\n", mismatches));
    }

    /// <summary>The status of the row's request, or for a list whether it shows the object.</summary>
    private static async Task<string> AnswerAsync(Acme world, Row row, string id, string operation)
    {
        using var response = await SendAsync(world, row, id, operation);
        if (row.Request is "list" or "key-list")
        {
            var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
            return page["items"]!.AsArray().Any(i => (string?)i!["id"] == id) ? "listed" : "hidden";
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> SendAsync(Acme world, Row row, string id, string operation)
    {
        var client = world.Clients[row.Caller];
        return row.Request switch
        {
            "read" => client.GetAsync("/api/instances/" + id, Ct),
            "events" => client.GetAsync($"/api/instances/{id}/events", Ct),
            "operation" => client.GetAsync("/api/operations/" + operation, Ct),
            "list" => client.GetAsync("/api/instances?limit=500", Ct),
            "stop" or "reboot" => client.PostAsync($"/api/instances/{id}/{row.Request}", null, Ct),
            "destroy" => client.DeleteAsync("/api/instances/" + id, Ct),
            "key-read" => client.GetAsync("/api/keys/" + id, Ct),
            "key-list" => client.GetAsync("/api/keys?limit=500", Ct),
            "key-delete" => client.DeleteAsync("/api/keys/" + id, Ct),
            "key-use" => client.PostAsync(InstanceCalls.Request(UniqueName("with-key")).Also("keyId", id)),
            _ => throw new InvalidOperationException("unknown request " + row.Request),
        };
    }

    /// <summary>A 404 about an object of the tenant says no more than one about an id that does not exist.</summary>
    private static async Task AssertLikeARandomIdAsync(Acme world, Row row, string id, string operation)
    {
        var random = Guid.CreateVersion7().ToString();
        using var real = await SendAsync(world, row, id, operation);
        using var made = await SendAsync(world, row, random, random);
        var answer = (await ExpectProblemAsync(real, HttpStatusCode.NotFound, "not-found")).ToJsonString();
        var forRandom = (await ExpectProblemAsync(made, HttpStatusCode.NotFound, "not-found")).ToJsonString();
        var anonymised = answer.Replace(id, random, StringComparison.Ordinal);
        Assert.Equal(forRandom, operation.Length == 0 ? anonymised : anonymised.Replace(operation, random, StringComparison.Ordinal));
    }

    /// <summary>A refused action left the machine running, a refused delete left the key.</summary>
    private static async Task AssertUntouchedAsync(Acme world, Row row, string id)
    {
        using var response = await world.Admin.GetAsync((row.IsKey ? "/api/keys/" : "/api/instances/") + id, Ct);
        var body = await ExpectJsonAsync(response, HttpStatusCode.OK);
        if (!row.IsKey)
        {
            Assert.Equal("running", (string?)body["state"]);
            Assert.DoesNotContain(await EventsAsync(world.Admin, id), e => (string?)e["cause"] is { } cause && Actions.Any(a => cause == "action:" + a));
        }
    }

    private static async Task<JsonObject[]> EventsAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/instances/{id}/events?limit=500", Ct);
        return [.. (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(e => e!.AsObject())];
    }

    private sealed record Row(string Caller, string Object, string Request, string Expected)
    {
        public bool IsKey => Object.EndsWith("-key", StringComparison.Ordinal);

        /// <summary>Whether the request could change the object (it then gets one of its own).</summary>
        public bool Changes => Request is "stop" or "reboot" or "destroy" or "key-delete";

        public override string ToString() => $"{Caller} {Object} {Request} (expected {Expected})";
    }

    /// <summary>Tenant acme, its groups and users with a client each, made through the API as an admin would; mallory in a tenant of her own.</summary>
    private sealed class Acme
    {
        private readonly Dictionary<string, string> _groups = [];

        private Acme(HttpClient admin) => Admin = admin;

        public HttpClient Admin { get; }

        public Dictionary<string, HttpClient> Clients { get; } = [];

        public static async Task<Acme> BuildAsync(ApiFactory factory)
        {
            var world = new Acme(factory.CreateAdminClient());
            var tenant = await world.Admin.CreateTenantAsync(UniqueName("acme"));
            var other = await world.Admin.CreateTenantAsync(UniqueName("other"));
            world._groups["default"] = await world.Admin.DefaultGroupAsync(tenant);
            foreach (var name in new[] { "team-a", "team-b", "shared" })
            {
                world._groups[name] = (string)(await world.Admin.PostAsync("/api/groups", new JsonObject { ["tenantId"] = tenant, ["name"] = name })).Body["id"]!;
            }

            foreach (var (name, roles, groups) in new (string, string[], string[])[]
            {
                ("alice", ["member"], ["team-a", "shared"]), ("bob", ["member"], ["team-b", "shared"]), ("carol", ["member"], ["shared"]),
                ("boss", ["tenant-admin"], ["default"]), ("eve", ["auditor"], ["default"]), ("fin", ["finance"], ["default"]),
                ("ann", ["member", "auditor"], ["team-a"]),
            })
            {
                var user = await world.Admin.CreateUserAsync(tenant, name, roles, [.. groups.Select(g => world._groups[g])]);
                world.Clients[name] = factory.WithKey(await world.Admin.IssueKeyAsync(user));
            }

            var mallory = await world.Admin.CreateUserAsync(other, "mallory", ["member"], await world.Admin.DefaultGroupAsync(other));
            world.Clients["mallory"] = factory.WithKey(await world.Admin.IssueKeyAsync(mallory));
            return world;
        }

        /// <summary>A new object of the kind: its id and, for a machine, the operation that created it.</summary>
        public async Task<(string Id, string Operation)> MakeAsync(string kind)
        {
            switch (kind)
            {
                case "bob-team" or "bob-shared":
                    var body = InstanceCalls.Request(UniqueName(kind));
                    if (kind == "bob-shared")
                    {
                        body["groupId"] = _groups["shared"];
                    }

                    var (id, operation) = await Clients["bob"].CreateAsync(body);
                    return (id, (string)operation["id"]!);
                default:
                    var owner = kind == "bob-key" ? "bob" : "carol";
                    var key = (await Clients[owner].PostAsync("/api/keys", new JsonObject { ["name"] = UniqueName(owner), ["publicKey"] = SshKeys.Ed25519().Line })).Body;
                    return ((string)key["id"]!, "");
            }
        }
    }
}
