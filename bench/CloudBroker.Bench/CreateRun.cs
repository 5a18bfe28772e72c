namespace CloudBroker.Bench;

/// <summary>One measured creates run against one fresh API, reduced to what the report shows.</summary>
internal sealed record CreateRun(
    int Round,
    int Clients,
    CreateLoadResult Load,
    bool Drained,
    TimeSpan DrainTime,
    int Running,
    int Failed,
    int Unsettled,
    double[] SortedLatencyMs,
    double RunningPerSecond,
    IReadOnlyList<(string Stage, double[] SortedMs)> Stages,
    RunResources Resources,
    int DispatcherBatches,
    CallPauses Pauses)
{
    public const string AcceptToCall = "accept → provider call starts";
    public const string AcceptToClaim = "· accept → ExecuteOperation row claimed by the dispatcher";
    public const string ClaimToSent = "· claimed → its batch published, marked sent";
    public const string SentToCall = "· published → consumer starts the provider call";
    public const string CallToRunning = "provider call starts → running stamped";
    public const string RunningToCommit = "running stamped → committed (upper bound: its notice row claimed)";

    public double P50Ms => Stats.Percentile(SortedLatencyMs, 0.50);

    public double P95Ms => Stats.Percentile(SortedLatencyMs, 0.95);

    public double P99Ms => Stats.Percentile(SortedLatencyMs, 0.99);

    public double MaxMs => SortedLatencyMs.Length == 0 ? double.NaN : SortedLatencyMs[^1];

    /// <summary>The broker's CPU time (all its processes) from the start of the load to the end of the drain, per create that reached running.</summary>
    public double ServerCpuMsPerCreate => Resources.ServerCpu.TotalMilliseconds / Math.Max(1, Running);

    public double ServerCores => Resources.ServerCpu / Resources.Wall;

    public double ClientCores => Resources.ClientCpu / Resources.Wall;

    /// <summary>On average, how many of the broker's threads were runnable but had no CPU (the machine is shared).</summary>
    public double ServerRunnableWaiting => Resources.ServerRunQueueWait / Resources.Wall;

    public int ThreadsAtStart => Resources.ThreadsAtStart;

    public int MaxThreads => Resources.MaxThreads;

    public string LoadAverage => Resources.LoadAverage;

    /// <summary>One process's CPU time in the run, per create that reached running.</summary>
    public double CpuMsPerCreate(ProcessUsage process) => process.Cpu.TotalMilliseconds / Math.Max(1, Running);

    /// <summary>The broker database's write transactions per create: accept, the ExecuteOperation step, and the dispatcher's claim and mark-sent per batch.</summary>
    public double WriteTransactionsPerCreate => 2 + (2.0 * DispatcherBatches / Math.Max(1, Running));

    public double[] Stage(string name) => Stages.First(s => s.Stage == name).SortedMs;

    public static CreateRun From(
        int round, int clients, CreateLoadResult load, bool drained, TimeSpan drainTime, IReadOnlyList<Timeline> timelines, OutboxTimes outbox, RunResources resources)
    {
        var running = timelines.Where(t => t.AcceptedAt is not null && t.RunningAt is not null).ToList();
        var failed = timelines.Count(t => t.FinalState is not "running" and not "pending");
        var unsettled = timelines.Count(t => t.FinalState == "pending");
        var latency = Stats.Sorted(running.Select(t => Ms(t.RunningAt!.Value - t.AcceptedAt!.Value)));
        var span = running.Count == 0 ? TimeSpan.Zero : running.Max(t => t.RunningAt!.Value) - running.Min(t => t.AcceptedAt!.Value);
        var perSecond = span > TimeSpan.Zero ? running.Count / span.TotalSeconds : double.NaN;

        var called = running.Where(t => t.CallStartedAt is not null).ToList();
        var dispatched = called
            .Select(t => (Timeline: t, Row: t.OperationId is not null && outbox.ExecuteByOperation.TryGetValue(t.OperationId, out var row) ? row : default))
            .Where(x => x.Row.Claimed is not null && x.Row.Sent is not null)
            .ToList();
        var noticed = running
            .Select(t => (Timeline: t, Claimed: outbox.RunningNoticeClaimedByInstance.TryGetValue(t.InstanceId, out var at) ? at : (DateTime?)null))
            .Where(x => x.Claimed is not null)
            .ToList();
        List<(string, double[])> stages =
        [
            (AcceptToCall, Stats.Sorted(called.Select(t => Ms(t.CallStartedAt!.Value - t.AcceptedAt!.Value)))),
            (AcceptToClaim, Stats.Sorted(dispatched.Select(x => Ms(x.Row.Claimed!.Value - x.Timeline.AcceptedAt!.Value)))),
            (ClaimToSent, Stats.Sorted(dispatched.Select(x => Ms(x.Row.Sent!.Value - x.Row.Claimed!.Value)))),
            (SentToCall, Stats.Sorted(dispatched.Select(x => Ms(x.Timeline.CallStartedAt!.Value - x.Row.Sent!.Value)))),
            (CallToRunning, Stats.Sorted(called.Select(t => Ms(t.RunningAt!.Value - t.CallStartedAt!.Value)))),
            (RunningToCommit, Stats.Sorted(noticed.Select(x => Ms(x.Claimed!.Value - x.Timeline.RunningAt!.Value)))),
        ];

        // Rows claimed together share their claim time; the run's rows (after a drained priming) are its batches.
        var batches = dispatched.Select(x => x.Row.Claimed!.Value).Concat(noticed.Select(x => x.Claimed!.Value)).Distinct().Count();
        return new CreateRun(round, clients, load, drained, drainTime, running.Count, failed, unsettled, latency, perSecond, stages, resources, batches,
            CallPauses.Of([.. called.Select(t => t.CallStartedAt!.Value)]));
    }

    private static double Ms(TimeSpan t) => t.TotalMilliseconds;
}

/// <summary>
/// Stretches with no provider call started at all, ≥ <see cref="Threshold"/> long, while the run's calls were going on
/// (first to last). With a backlog of ExecuteOperation messages waiting, such a stretch is a stall of the whole workflow.
/// </summary>
internal sealed record CallPauses(int Count, TimeSpan Total, TimeSpan Span)
{
    public static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(140);

    public double Share => Span > TimeSpan.Zero ? Total / Span : double.NaN;

    public static CallPauses Of(DateTime[] starts)
    {
        Array.Sort(starts);
        var (count, total) = (0, TimeSpan.Zero);
        for (var i = 1; i < starts.Length; i++)
        {
            var gap = starts[i] - starts[i - 1];
            if (gap >= Threshold)
            {
                count++;
                total += gap;
            }
        }

        return new CallPauses(count, total, starts.Length < 2 ? TimeSpan.Zero : starts[^1] - starts[0]);
    }
}
