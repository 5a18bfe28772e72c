using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Keys;

/// <summary><c>/api/keys</c>: real OpenSSH keys made in the test, checked and fingerprinted by the API.</summary>
public sealed class KeysTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_ed25519_key_is_created_with_its_fingerprint_then_listed_read_and_deleted()
    {
        using var client = factory.CreateAdminClient();
        var (line, fingerprint) = SshKeys.Ed25519();
        var name = UniqueName("laptop");
        using var created = await PostAsync(client, name, line);
        var key = await ExpectJsonAsync(created, HttpStatusCode.Created);
        AssertMembers(key, "id", "name", "publicKey", "fingerprint", "tenantId", "ownerId", "groupId", "createdAt");
        Assert.Equal(fingerprint, (string?)key["fingerprint"]);
        Assert.Matches("^SHA256:[A-Za-z0-9+/]{43}$", (string?)key["fingerprint"]);
        Assert.Equal((name, line), ((string?)key["name"], (string?)key["publicKey"]));
        Assert.Equal(("system", "admin"), ((string?)key["tenantId"], (string?)key["ownerId"]));
        AssertTimestamp(key["createdAt"]);
        var location = created.Headers.Location?.OriginalString;
        Assert.Equal("/api/keys/" + (string?)key["id"], location);

        using var read = await client.GetAsync(location, Ct);
        Assert.True(JsonNode.DeepEquals(key, await ExpectJsonAsync(read, HttpStatusCode.OK)));

        using var list = await client.GetAsync("/api/keys?limit=500", Ct);
        Assert.Contains((string?)key["id"], (await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray().Select(k => (string?)k!["id"]));

        using var deleted = await client.DeleteAsync(location, Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync(Ct));
        using var gone = await client.GetAsync(location, Ct);
        await ExpectProblemAsync(gone, HttpStatusCode.NotFound, "not-found");
        using var again = await client.DeleteAsync(location, Ct);
        await ExpectProblemAsync(again, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_2048_bit_rsa_key_is_accepted_and_a_1024_bit_one_refused()
    {
        using var client = factory.CreateAdminClient();
        var (strong, fingerprint) = SshKeys.Rsa(2048);
        using var accepted = await PostAsync(client, UniqueName("rsa"), strong);
        Assert.Equal(fingerprint, (string?)(await ExpectJsonAsync(accepted, HttpStatusCode.Created))["fingerprint"]);

        using var refused = await PostAsync(client, UniqueName("rsa"), SshKeys.Rsa(1024).Line);
        var error = await ExpectFieldErrorAsync(refused, "/publicKey");
        Assert.Contains("2048", (string?)error["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-ed25519 !!!not-base64!!!")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==")]
    [InlineData("")]
    [InlineData("mislabelled")]
    public async Task A_line_that_is_not_a_valid_public_key_is_refused(string line)
    {
        using var client = factory.CreateAdminClient();
        var publicKey = line == "mislabelled" ? SshKeys.Mislabelled("ssh-rsa") : line;
        using var response = await PostAsync(client, UniqueName("bad"), publicKey);
        await ExpectFieldErrorAsync(response, "/publicKey");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(0)]
    [InlineData(64)]
    public async Task An_ed25519_key_whose_key_is_not_32_bytes_is_refused(int keyBytes)
    {
        using var client = factory.CreateAdminClient();
        using var response = await PostAsync(client, UniqueName("short"), SshKeys.Ed25519(keyBytes).Line);
        await ExpectFieldErrorAsync(response, "/publicKey");
    }

    [Fact]
    public async Task A_key_name_must_be_a_label_and_unknown_members_are_refused()
    {
        using var client = factory.CreateAdminClient();
        using var badName = await PostAsync(client, "My Key", SshKeys.Ed25519().Line);
        Assert.Equal(63, (int?)(await ExpectFieldErrorAsync(badName, "/name"))["limit"]!["maxLength"]);

        var body = new JsonObject { ["name"] = UniqueName("k"), ["publicKey"] = SshKeys.Ed25519().Line, ["fingerprint"] = "SHA256:forged" };
        using var forged = await client.PostAsync("/api/keys", Body(body), Ct);
        await ExpectFieldErrorAsync(forged, "/fingerprint");
    }

    [Fact]
    public async Task An_instance_on_mock_may_use_a_key()
    {
        using var client = factory.CreateAdminClient();
        using var created = await PostAsync(client, UniqueName("deploy"), SshKeys.Ed25519().Line);
        var keyId = (string)(await ExpectJsonAsync(created, HttpStatusCode.Created))["id"]!;

        var body = InstanceCalls.Request(UniqueName("keyed"));
        body["keyId"] = keyId;
        var (id, _) = await client.CreateAsync(body);
        var instance = await client.WaitForStateAsync(id, "running");
        Assert.Equal(keyId, (string?)instance["keyId"]);
    }

    [Fact]
    public async Task An_unknown_key_is_not_found()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/keys/0193c5a0-0000-7000-8000-000000000000", Ct);
        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string name, string publicKey) =>
        client.PostAsync("/api/keys", Body(new JsonObject { ["name"] = name, ["publicKey"] = publicKey }), Ct);
}
