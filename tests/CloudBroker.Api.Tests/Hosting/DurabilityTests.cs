using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Hosting;

/// <summary>The data folder outlives the process: instances, the mock cloud and the generated admin key survive a restart.</summary>
public sealed class DurabilityTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Without_a_configured_key_one_is_generated_into_a_private_file_and_works()
    {
        await using var factory = ApiFactory.On(ApiFactory.NewDataDirectory(), adminKey: null, deleteOnDispose: true);
        _ = factory.Server;
        var path = Path.Combine(factory.DataDirectory, "admin-api-key");
        Assert.True(File.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var key = (await File.ReadAllTextAsync(path, Ct)).Trim();
        Assert.True(key.Length >= 32, "a generated key should carry at least 32 characters of secret");

        using var client = factory.CreateAdminClient(key);
        using var ok = await client.GetAsync("/api/instances", Ct);
        await ExpectJsonAsync(ok, HttpStatusCode.OK);
        using var other = factory.CreateAdminClient(ApiFactory.AdminKey);
        using var refused = await other.GetAsync("/api/instances", Ct);
        await ExpectProblemAsync(refused, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Instances_and_the_generated_key_survive_a_restart_and_keep_working()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            string id, key, name = UniqueName("durable");
            await using (var first = ApiFactory.On(data, adminKey: null, deleteOnDispose: false))
            {
                _ = first.Server;
                key = (await File.ReadAllTextAsync(Path.Combine(data, "admin-api-key"), Ct)).Trim();
                using var client = first.CreateAdminClient(key);
                id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(name)))["id"]!;
            }

            await using var second = ApiFactory.On(data, adminKey: null, deleteOnDispose: false);
            using var again = second.CreateAdminClient(key);
            using var response = await again.GetAsync("/api/instances/" + id, Ct);
            var instance = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal((name, "running"), ((string?)instance["name"], (string?)instance["state"]));

            // The mock cloud kept the machine too: the restarted broker can still act on it.
            await again.ActAsync(id, "stop");
            await again.WaitForStateAsync(id, "stopped");
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    [Fact]
    public async Task A_configured_key_replaces_the_generated_one_on_the_same_data()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            await using (var first = ApiFactory.On(data, adminKey: null, deleteOnDispose: false))
            {
                _ = first.Server;
            }

            var generated = (await File.ReadAllTextAsync(Path.Combine(data, "admin-api-key"), Ct)).Trim();
            await using var second = ApiFactory.On(data, ApiFactory.AdminKey, deleteOnDispose: false);
            using var configured = second.CreateAdminClient();
            using var ok = await configured.GetAsync("/api/keys", Ct);
            await ExpectJsonAsync(ok, HttpStatusCode.OK);
            using var old = second.CreateAdminClient(generated);
            using var refused = await old.GetAsync("/api/keys", Ct);
            await ExpectProblemAsync(refused, HttpStatusCode.Unauthorized, "unauthenticated");
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }
}
