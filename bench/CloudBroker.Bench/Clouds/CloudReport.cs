using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CloudBroker.Bench.Clouds;

/// <summary>The clouds scenario's markdown report: per fake, the medians of the rounds against the goal, then every run.</summary>
internal static class CloudReport
{
    public static string Markdown(BenchOptions options, IReadOnlyList<CloudRun> runs)
    {
        var clouds = options.Clouds;
        var md = new StringBuilder();
        Line(md, "# Clouds: creates on the EC2 and Azure fakes under their create buckets");
        Line(md);
        Line(md, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(md, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}; load average at the end: " +
            string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)));
        Line(md, $"- per run: a fresh embedded API (SQLite) with one provider on a fresh fake; {clouds.Instances} creates posted by " +
            $"{options.Clients.Max()} clients at once; the fake's create bucket holds {clouds.Burst} and refills {clouds.RefillPerSecond:0.##}/s " +
            $"(AWS's RunInstances bucket is 5 and 2/s: the same shape, scaled in time), the broker's `Pacing:Create` set to the same; " +
            $"{options.Rounds} rounds, alternating which fake goes first; medians shown");
        Line(md, "- timed from the first POST until the fake runs the last machine; the theoretical minimum is the burst at once, " +
            "the rest at the refill rate, plus one machine's boot at the fake");
        Line(md);
        Line(md, $"| fake | limit | machines | minimum s | took s (median) | ratio (median) | goal ≤ {GoalText} | user-visible throttling errors (goal 0) | throttled at the provider | throttled steps | all POSTs accepted in s |");
        Line(md, "|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|");
        foreach (var group in runs.GroupBy(r => r.Driver))
        {
            var of = group.ToList();
            var ratio = Stats.Median(of.Select(r => r.Ratio));
            var errors = of.Max(r => r.UserVisibleErrors + r.NotRunning);
            Line(md, $"| {group.Key} | {of[0].Limit} | {of[0].Instances} | {of[0].TheoreticalMinimum.TotalSeconds:F1} " +
                $"| {Stats.Median(of.Select(r => r.Elapsed.TotalSeconds)):F1} | {ratio:F3} | {(ratio <= CloudScenario.GoalRatio ? "met" : "NOT met")} " +
                $"| {errors} (worst run) | {Stats.Median(of.Select(r => (double)r.ThrottledAtProvider)):F0} | {Stats.Median(of.Select(r => (double)r.ThrottledSteps)):F0} " +
                $"| {Stats.Median(of.Select(r => r.AcceptedIn.TotalSeconds)):F1} |");
        }

        Line(md);
        Line(md, "User-visible errors are refused POSTs plus operations that ended failed plus machines not running at the end; throttling the " +
            "provider answered (EC2 `RequestLimitExceeded`, ARM 429 + `Retry-After`) is retried by the workflow without using up the operation's attempts and shows only as a " +
            "`throttled` step in the operation.");
        Line(md);
        Line(md, "## Every run");
        Line(md);
        Line(md, "| round | fake | took s | ratio | throttled at provider | throttled steps | refused POSTs | failed operations | not running |");
        Line(md, "|--:|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in runs)
        {
            Line(md, $"| {r.Round} | {r.Driver} | {r.Elapsed.TotalSeconds:F1} | {r.Ratio:F3} | {r.ThrottledAtProvider} | {r.ThrottledSteps} | {r.RefusedPosts} | {r.FailedOperations} | {r.NotRunning} |");
        }

        return md.ToString();
    }

    private static string GoalText => CloudScenario.GoalRatio.ToString("0.0#", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
