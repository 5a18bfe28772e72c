using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Hosting;

/// <summary>
/// The data folder and the files that hold data and keys are private: made 0700 and 0600, and a start on a database
/// or key file others may read is refused, naming the file and the chmod that fixes it. Group access is allowed
/// when the group is one of the process's own (a Kubernetes secret mounted 0440 with the pod's fsGroup). A refused start
/// is the real process's: one line and exit code 1.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupReadable = Private | UnixFileMode.GroupRead;
    private const UnixFileMode WorldReadable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact]
    public async Task A_fresh_start_makes_the_folder_0700_and_every_file_0600()
    {
        var data = Path.Combine(ApiFactory.NewDataDirectory(), "data"); // its parent does not exist either
        try
        {
            await using var factory = await MakeEveryFileAsync(data); // looked at while it runs: SQLite removes -wal and -shm files on close

            Assert.Equal(PrivateFolder, File.GetUnixFileMode(data));
            var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
            Assert.Contains(files, f => Path.GetFileName(f) == "mock-mock.db-wal"); // SQLite made it itself
            Assert.Contains(files, f => Path.GetFileName(f) == "master.key");
            Assert.Contains(files, f => Path.GetFileName(f) == "admin-api-key");
            if (PostgresTestDatabase.ForDataDirectory(data) is null)
            {
                Assert.Contains(files, f => Path.GetFileName(f) == "cloudbroker.db-shm");
            }

            var open = files.Select(f => $"{Path.GetFileName(f)} {Octal(File.GetUnixFileMode(f))}").Where(f => !f.EndsWith(" 0600", StringComparison.Ordinal));
            Assert.Empty(open);
            Assert.DoesNotContain(Directory.GetDirectories(data, "*", SearchOption.AllDirectories), d => File.GetUnixFileMode(d) != PrivateFolder);
        }
        finally
        {
            ApiFactory.DeleteData(data);
            Directory.Delete(Path.GetDirectoryName(data)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_or_key_file_others_may_read_stops_the_start_with_the_file_and_the_fix()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            await (await MakeEveryFileAsync(data)).DisposeAsync();
            var files = new List<string> { "mock-mock.db", "admin-api-key", "master.key" };
            if (PostgresTestDatabase.ForDataDirectory(data) is null)
            {
                files.Add("cloudbroker.db");
            }

            foreach (var name in files)
            {
                var path = Path.Combine(data, name);
                File.SetUnixFileMode(path, WorldReadable);

                var refusal = await StartRefusedAsync(data);
                Assert.Contains($"{path} may be read or written by others (mode 0644)", refusal, StringComparison.Ordinal);
                Assert.Contains("chmod 600 " + path, refusal, StringComparison.Ordinal);
                File.SetUnixFileMode(path, Private);
            }

            await StartsAndServesAsync(data);
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    [Fact]
    public async Task Files_its_own_group_may_read_are_accepted_but_not_those_of_another_group()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            await (await MakeEveryFileAsync(data)).DisposeAsync();
            foreach (var file in Directory.GetFiles(data))
            {
                File.SetUnixFileMode(file, GroupReadable); // the files' group is the process's: it made them
            }

            await StartsAndServesAsync(data);

            var key = Path.Combine(data, "master.key");
            await RunAsync("chgrp", "4242", key); // a group this process is not in
            var refusal = await StartRefusedAsync(data);
            Assert.Contains($"{key} may be read or written by group 4242, which this process is not in (mode 0640)", refusal, StringComparison.Ordinal);
            Assert.Contains("chmod 600 " + key, refusal, StringComparison.Ordinal);
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    /// <summary>The API started on a new folder with a generated admin key, a machine made and a provider with stored credentials (the master key).</summary>
    private static async Task<ApiFactory> MakeEveryFileAsync(string data)
    {
        var factory = ApiFactory.On(data, adminKey: null, deleteOnDispose: false);
        try
        {
            _ = factory.Server;
            using var admin = factory.CreateAdminClient(await AdminKeyAsync(data));
            await admin.CreateRunningAsync(InstanceCalls.Request(UniqueName("private")));
            await admin.CreateProviderAsync(StoredProviders.MockBody(StoredProviders.NewId("sealed")));
            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    private static async Task StartsAndServesAsync(string data)
    {
        await using var factory = ApiFactory.On(data, adminKey: null, deleteOnDispose: false);
        _ = factory.Server;
        using var admin = factory.CreateAdminClient(await AdminKeyAsync(data));
        using var response = await admin.GetAsync("/api/instances", Ct);
        await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The API process on <paramref name="data"/> exits 1 with one line that says why (no stack trace); that line.</summary>
    private static async Task<string> StartRefusedAsync(string data)
    {
        await using var factory = ApiFactory.On(data, adminKey: null, deleteOnDispose: false);
        var run = await ApiProcess.RunUntilExitAsync(factory);
        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}:\n{run.Output}");
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        return Assert.Single(run.Lines("CloudBroker cannot start: "));
    }

    private static async Task<string> AdminKeyAsync(string data)
    {
        var path = Path.Combine(data, "admin-api-key");
        return File.Exists(path) ? (await File.ReadAllTextAsync(path, Ct)).Trim() : throw new InvalidOperationException("no generated key yet");
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {error}");
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
