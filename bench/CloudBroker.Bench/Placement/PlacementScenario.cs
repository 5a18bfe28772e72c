using System.Diagnostics;
using CloudBroker.Placement;
using CloudBroker.Placement.Placing;

namespace CloudBroker.Bench.Placement;

/// <summary>One measured run: how many threads decided at once, each decision's wall time (Stopwatch ticks) and its thread's CPU time (ns).</summary>
internal sealed record PlacementRun(int Round, int Threads, long[] Ticks, long[] CpuNanoseconds, TimeSpan Elapsed, double Candidates, double Passing, double Placeable)
{
    public double CpuP50Ms => Stats.Percentile(CpuMs, 0.50);

    public double CpuP99Ms => Stats.Percentile(CpuMs, 0.99);

    private double[] CpuMs => [.. CpuNanoseconds.Select(n => n / 1e6)];

    public double DecisionsPerSecond => Ticks.Length / Elapsed.TotalSeconds;

    public double P50Ms => Stats.PercentileMs(Ticks, 0.50);

    public double P99Ms => Stats.PercentileMs(Ticks, 0.99);

    public double MaxMs => Stats.PercentileMs(Ticks, 1.0);
}

/// <summary>
/// The placement scenario (issue 21's "p99 decision time over 1,000 pools and 10,000 realms with 50 concurrent
/// orders"): the decision alone, <see cref="PlacementEngine.Decide"/> (pure: every filter and weigher over an in-memory
/// snapshot, as a create calls it), over a generated estate (<see cref="PlacementWorld"/>), in this process. Per round a
/// fresh estate and orders, a warm-up, then the same orders decided by 1 thread, by as many threads as cores, and by 50
/// threads at once. Each decision is timed twice: its wall time (with 50 threads on a small machine, mostly the time
/// its thread waited while the others ran: 50 orders on 2 cores queue whatever the code does) and its thread's own CPU
/// time (what the decision costs while 49 others run beside it).
/// </summary>
internal static class PlacementScenario
{
    public const int Concurrent = 50;

    /// <summary>The goal: p99 of one decision with 50 orders deciding at once.</summary>
    public const double GoalP99Ms = 2.0;

    public static Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = new List<PlacementRun>();
        var engine = PlacementEngine.From(new PlacementOptions());
        for (var round = 1; round <= options.Rounds; round++)
        {
            var world = new PlacementWorld(seed: round);
            var orders = world.Orders(options.Decisions);
            Decide(engine, world.Snapshot, orders, 1, Math.Min(2_000, orders.Length), round, cancellationToken); // warm-up: JIT tiers, caches
            foreach (var threads in new[] { 1, Environment.ProcessorCount, Concurrent })
            {
                var run = Decide(engine, world.Snapshot, orders, threads, orders.Length, round, cancellationToken);
                runs.Add(run);
                Console.WriteLine($"round {round}  {threads,2} thread(s)  {run.Ticks.Length} decisions  {run.DecisionsPerSecond,8:F0}/s  p50 {run.P50Ms,6:F3} ms  " +
                    $"p99 {run.P99Ms,6:F3} ms  max {run.MaxMs,7:F2} ms; CPU p50 {run.CpuP50Ms,6:F3} ms p99 {run.CpuP99Ms,6:F3} ms  ({run.Candidates:F0} candidates, {run.Passing:F0} passing per order; {run.Placeable:P0} placeable)");
            }
        }

        return Task.FromResult(PlacementReport.Markdown(options, runs));
    }

    private static PlacementRun Decide(
        PlacementEngine engine, PlacementSnapshot snapshot, PlacementOrder[] orders, int threads, int count, int round, CancellationToken cancellationToken)
    {
        var ticks = new long[count];
        var cpu = new long[count];
        var candidates = new long[count];
        var passing = new long[count];
        var next = -1;
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait(cancellationToken);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var began = Stopwatch.GetTimestamp();
                var beganCpu = ThreadCpu.NowNanoseconds();
                var decision = engine.Decide(orders[i], snapshot);
                cpu[i] = ThreadCpu.NowNanoseconds() - beganCpu;
                ticks[i] = Stopwatch.GetTimestamp() - began;
                candidates[i] = decision.Candidates.Count;
                passing[i] = decision.PassingCount;
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(t => t.Start());
        start.SignalAndWait(cancellationToken);
        var clock = Stopwatch.StartNew();
        workers.ForEach(t => t.Join());
        clock.Stop();
        Array.Sort(ticks);
        Array.Sort(cpu);
        return new PlacementRun(round, threads, ticks, cpu, clock.Elapsed, candidates.Average(), passing.Average(), passing.Count(p => p > 0) / (double)count);
    }
}
