using System.Text.RegularExpressions;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// Every libvirt function the driver calls is made inside a <c>LibvirtCall</c> of its own name, except the few that only
/// read the client's memory, free it, or set the library up: a new wrapper that forgets its span fails here.
/// </summary>
public sealed partial class SpanCoverageTests
{
    /// <summary>No round trip to a daemon, or outside any verb (set-up, errors, handles freed by their SafeHandle).</summary>
    private static readonly string[] Unspanned =
    [
        "virInitialize", "virSetErrorFunc", "virGetLastError", "virResetLastError", "virConnectIsAlive", "virConnectClose",
        "virDomainFree", "virNetworkFree", "virStoragePoolFree", "virStorageVolFree", "virDomainInterfaceFree",
        "virDomainGetName", "virDomainGetUUIDString", "virDomainGetID", "virStorageVolGetName",
    ];

    [Fact]
    public void Each_libvirt_call_of_the_driver_is_inside_a_span_of_its_name()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "drivers", "CloudBroker.Drivers.Libvirt"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        var called = sources.SelectMany(s => Call().Matches(s).Select(m => m.Groups[1].Value)).ToHashSet();
        var spanned = sources.SelectMany(s => Span().Matches(s).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.Contains("virDomainCreate", called);
        Assert.Empty(called.Except(spanned).Except(Unspanned));
        Assert.Empty(Unspanned.Except(called)); // the list stays exact
        Assert.Empty(spanned.Intersect(Unspanned));
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

    [GeneratedRegex(@"(?<!nameof\()NativeMethods\.(vir\w+)\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"LibvirtCall\.Start\(nameof\(NativeMethods\.(vir\w+)\)\)")]
    private static partial Regex Span();
}
