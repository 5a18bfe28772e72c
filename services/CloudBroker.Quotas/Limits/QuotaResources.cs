namespace CloudBroker.Quotas.Limits;

/// <summary>The resources a quota limits, in their wire names; <see cref="All"/> fixes their index everywhere.</summary>
public static class QuotaResources
{
    public const string Instances = "instances";
    public const string RunningInstances = "runningInstances";
    public const string Cpu = "cpu";
    public const string MemoryMiB = "memoryMiB";
    public const string StorageGiB = "storageGiB";

    /// <summary>Money per calendar month (UTC), counted in micro-units of the broker currency.</summary>
    public const string Budget = "budget";

    public const int BudgetIndex = 5;

    public static readonly IReadOnlyList<string> All = [Instances, RunningInstances, Cpu, MemoryMiB, StorageGiB, Budget];

    /// <summary>Column name prefixes, by index (fixed names, safe to write into SQL).</summary>
    internal static readonly IReadOnlyList<string> Columns = ["Instances", "RunningInstances", "Cpu", "MemoryMiB", "StorageGiB", "Budget"];

    public static int IndexOf(string resource) => All.ToList().IndexOf(resource);
}
