namespace CloudBroker.Bench;

/// <summary>One process's share of a run: CPU time, and for the broker's own processes their threads' run-queue wait.</summary>
/// <param name="IsBroker">A CloudBroker process (API or worker), as opposed to the harness, the database or the message broker.</param>
internal sealed record ProcessUsage(string Name, bool IsBroker, TimeSpan Cpu, TimeSpan? RunQueueWait);

/// <summary>What a creates run used, from the start of the load to the end of the drain.</summary>
internal sealed record RunResources(
    IReadOnlyList<ProcessUsage> Processes,
    TimeSpan ClientCpu,
    TimeSpan Wall,
    int ThreadsAtStart,
    int MaxThreads,
    string LoadAverage)
{
    /// <summary>CPU time of every broker process together.</summary>
    public TimeSpan ServerCpu => Processes.Where(p => p.IsBroker).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Cpu);

    public TimeSpan ServerRunQueueWait => Processes.Where(p => p.IsBroker).Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.RunQueueWait ?? TimeSpan.Zero));

    public double Cores(ProcessUsage process) => process.Cpu / Wall;
}
