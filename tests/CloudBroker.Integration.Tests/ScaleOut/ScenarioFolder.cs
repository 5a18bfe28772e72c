namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>A scenario's data folder (shared by its processes: the mock cloud lives there) and its log; deleted when the scenario passed.</summary>
internal sealed class ScenarioFolder
{
    private ScenarioFolder(string path)
    {
        Path = path;
        Log = new ScenarioLog(System.IO.Path.Combine(path, "test.log"));
    }

    public string Path { get; }

    public ScenarioLog Log { get; }

    public static ScenarioFolder Create(string scenario, int seed)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cb-scale-{scenario}-{seed}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new ScenarioFolder(path);
    }

    /// <summary>Passed: the folder is only kept for a failure's post-mortem.</summary>
    public void Passed() => Directory.Delete(Path, recursive: true);
}
