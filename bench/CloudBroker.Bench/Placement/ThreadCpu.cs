using System.Runtime.InteropServices;

namespace CloudBroker.Bench.Placement;

/// <summary>
/// The calling thread's own CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanoseconds): what a
/// decision costs itself, without the time its thread waited while the other deciding threads ran.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static long NowNanoseconds() =>
        ClockGetTime(ClockThreadCpuTimeId, out var spec) == 0 ? (spec.Seconds * 1_000_000_000) + spec.Nanoseconds
            : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec spec);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
