using System.Reflection;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// Where the hosts the tests start are: <c>services/CloudBroker.{Api,Worker}/bin/&lt;Configuration&gt;/net10.0/*.dll</c>, built with
/// the same configuration as this test assembly, and the <c>dotnet</c> host that runs them.
/// </summary>
internal static class BrokerAssemblies
{
    /// <summary>The API host (every role by default; <c>CloudBroker__Roles=api</c> for an API-only process).</summary>
    public static string Api => HostPath("CloudBroker.Api");

    /// <summary>The worker host of the scaled-out mode (role <c>worker</c>; health probes only over HTTP).</summary>
    public static string Worker => HostPath("CloudBroker.Worker");

    /// <summary>The <c>dotnet</c> host that runs this test (the SDK exports it), else the one on the PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string HostPath(string project)
    {
        var path = Path.Combine(RepositoryRoot(), "services", project, "bin", BuildConfiguration(), "net10.0", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist: build the solution (or this test project) in {BuildConfiguration()} first");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudBroker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no CloudBroker.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Debug or Release: stamped into this assembly by the project file, else read from the output path.</summary>
    private static string BuildConfiguration()
    {
        var stamped = typeof(BrokerAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value;
        if (!string.IsNullOrEmpty(stamped))
        {
            return stamped;
        }

        var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
    }
}
