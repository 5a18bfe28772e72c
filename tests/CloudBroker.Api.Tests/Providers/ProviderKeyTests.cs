using System.Net;
using System.Security.Cryptography;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// The master key across restarts: a key the process does not have makes the provider unavailable with the reason
/// (never a crash), a rotation keeps every provider working and re-seals under the new key, and an unsafe key file
/// stops the start.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // key file modes are Unix permissions
public sealed class ProviderKeyTests
{
    [Fact]
    public async Task Credentials_sealed_with_another_key_leave_the_provider_unavailable_with_the_key_named()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            var id = NewId("lost");
            string keyId;
            await using (var first = StoredProvidersFactory.On(data))
            {
                using var admin = first.CreateAdminClient();
                keyId = (string)(await admin.CreateProviderAsync(MockBody(id))).Body["credentials"]!["keyId"]!;
            }

            WriteKey(Path.Combine(data, "master.key")); // the old key is lost
            await using var second = StoredProvidersFactory.On(data);
            using var client = second.CreateAdminClient();
            var provider = await client.GetProviderAsync(id);
            Assert.Equal("unavailable", (string?)provider["status"]);
            Assert.Equal("credentials-unreadable", (string?)provider["statusCategory"]);
            var reason = (string?)provider["statusReason"];
            Assert.Contains(id, reason, StringComparison.Ordinal);
            Assert.Contains(keyId, reason, StringComparison.Ordinal);
            Assert.Equal("available", (string?)(await client.GetProviderAsync("mock"))["status"]);

            using var test = await client.PostAsync($"/api/providers/{id}/test", null, Ct);
            var problem = await ExpectProblemAsync(test, HttpStatusCode.ServiceUnavailable, "provider-credentials-unreadable");
            Assert.Equal(id, (string?)problem["providerId"]);
            Assert.Contains(keyId, (string?)problem["detail"], StringComparison.Ordinal);
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    [Fact]
    public async Task After_a_rotation_the_previous_key_opens_the_credentials_and_they_are_sealed_again_under_the_new_key()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            var id = NewId("rot");
            string oldKeyId;
            await using (var first = StoredProvidersFactory.On(data))
            {
                using var admin = first.CreateAdminClient();
                oldKeyId = (string)(await admin.CreateProviderAsync(MockBody(id))).Body["credentials"]!["keyId"]!;
            }

            // The operator's steps (docs/operations.md): the old key becomes a previous one, a new key is made, restart.
            File.Move(Path.Combine(data, "master.key"), Path.Combine(data, "old.key"));
            WriteKey(Path.Combine(data, "master.key"));
            var previous = new Dictionary<string, string?> { ["CloudBroker:Secrets:PreviousKeyFiles:0"] = "old.key" };
            string newKeyId;
            await using (var rotated = StoredProvidersFactory.On(data, previous))
            {
                using var admin = rotated.CreateAdminClient();
                var provider = await admin.GetProviderAsync(id);
                Assert.Equal("available", (string?)provider["status"]);
                newKeyId = (string)provider["credentials"]!["keyId"]!;
                Assert.NotEqual(oldKeyId, newKeyId);
                Assert.Equal(2, (int?)provider["version"]); // re-sealing is a change other processes pick up
                using var test = await admin.PostAsync($"/api/providers/{id}/test", null, Ct);
                Assert.Equal(HttpStatusCode.OK, test.StatusCode);
            }

            File.Delete(Path.Combine(data, "old.key")); // the last step: the old key is no longer needed
            await using var after = StoredProvidersFactory.On(data);
            using var client = after.CreateAdminClient();
            var reopened = await client.GetProviderAsync(id);
            Assert.Equal("available", (string?)reopened["status"]);
            Assert.Equal(newKeyId, (string?)reopened["credentials"]!["keyId"]);
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    [Theory]
    [InlineData(true, "chmod 600")]
    [InlineData(false, "base64")]
    public async Task An_unsafe_or_malformed_key_file_stops_the_start_saying_what_to_fix(bool worldReadable, string fix)
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            Directory.CreateDirectory(data);
            var path = Path.Combine(data, "master.key");
            if (worldReadable)
            {
                WriteKey(path);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            }
            else
            {
                await File.WriteAllTextAsync(path, "not a key\n", Ct);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            await using var factory = StoredProvidersFactory.On(data);
            var run = await ApiProcess.RunUntilExitAsync(factory);
            Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}:\n{run.Output}");
            Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
            var refusal = Assert.Single(run.Lines("CloudBroker cannot start: "));
            Assert.Contains(path, refusal, StringComparison.Ordinal);
            Assert.Contains(fix, refusal, StringComparison.Ordinal);
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    [Fact]
    public async Task The_key_file_is_made_on_first_use_readable_by_its_owner_only()
    {
        await using var factory = new StoredProvidersFactory();
        using var admin = factory.CreateAdminClient();
        var path = Path.Combine(factory.DataDirectory, "master.key");
        Assert.False(File.Exists(path)); // nothing sealed yet, no key needed
        await admin.CreateProviderAsync(MockBody(NewId("first")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    private static void WriteKey(string path)
    {
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
