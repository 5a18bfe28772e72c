using System.Globalization;

namespace CloudBroker.Bench;

/// <summary>Command-line flags of the harness. Durations, rounds and clients have per-scenario defaults.</summary>
internal sealed record BenchOptions(
    string Scenario,
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan Prime,
    int Rounds,
    IReadOnlyList<int> Clients,
    string? OutputPath,
    string? ApiDll,
    TimeSpan DrainTimeout,
    TimeSpan SqliteSeconds,
    int BusMessages,
    bool Help)
{
    public const string Reads = "reads";
    public const string Creates = "creates";

    public const string Usage = """
        usage: CloudBroker.Bench [options]
          --scenario <name>  reads (default): GET /api/instances/{id}, API vs bare Kestrel
                             creates: POST /api/instances until `running`, beside raw SQLite and bus baselines
          --duration <s>     measured seconds per run (reads 10, creates 20)
          --warmup <s>       reads: unmeasured seconds before each run (default 3)
          --prime <s>        unmeasured load before measuring, so that JIT tier-up is over: reads, per server at
                             the highest client count before round 1 (default 15); creates, creates on each fresh
                             server before its measured run, then drained (default 20)
          --rounds <n>       runs per (target, clients); medians are reported (default 3)
          --clients <list>   concurrent clients, comma-separated (reads 1,32; creates 32)
          --out <file>       also write the markdown report there
          --api <dll>        CloudBroker.Api.dll (default: services/CloudBroker.Api/bin/Release/net10.0 of this checkout)
          --drain-timeout <s>   creates: longest wait, after the load, for every accepted instance to settle (default 120)
          --sqlite-seconds <s>  creates: seconds per raw SQLite insert run (default 3)
          --bus-messages <n>    creates: messages per raw bus run (default 50000)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        string scenario = Reads;
        double? duration = null, warmup = null, prime = null;
        int? rounds = null;
        IReadOnlyList<int>? clients = null;
        string? output = null, api = null;
        double drain = 120, sqliteSeconds = 3;
        var busMessages = 50_000;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag is "-h" or "--help")
            {
                help = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{flag} needs a value, or is unknown");
            }

            var value = args[++i];
            switch (flag)
            {
                case "--scenario":
                    scenario = value is Reads or Creates ? value : throw new ArgumentException($"--scenario: '{value}' is not {Reads} or {Creates}");
                    break;
                case "--duration":
                    duration = Number(flag, value, min: 1);
                    break;
                case "--warmup":
                    warmup = Number(flag, value, min: 0);
                    break;
                case "--prime":
                    prime = Number(flag, value, min: 0);
                    break;
                case "--rounds":
                    rounds = (int)Number(flag, value, min: 1);
                    break;
                case "--clients":
                    clients = [.. value.Split(',').Select(c => (int)Number(flag, c, min: 1))];
                    break;
                case "--out":
                    output = value;
                    break;
                case "--api":
                    api = value;
                    break;
                case "--drain-timeout":
                    drain = Number(flag, value, min: 1);
                    break;
                case "--sqlite-seconds":
                    sqliteSeconds = Number(flag, value, min: 0.5);
                    break;
                case "--bus-messages":
                    busMessages = (int)Number(flag, value, min: 100);
                    break;
                default:
                    throw new ArgumentException($"unknown flag {flag}");
            }
        }

        var creates = scenario == Creates;
        return new BenchOptions(
            scenario,
            TimeSpan.FromSeconds(duration ?? (creates ? 20 : 10)),
            TimeSpan.FromSeconds(warmup ?? 3),
            TimeSpan.FromSeconds(prime ?? (creates ? 20 : 15)),
            rounds ?? 3,
            clients ?? (creates ? [32] : [1, 32]),
            output,
            api,
            TimeSpan.FromSeconds(drain),
            TimeSpan.FromSeconds(sqliteSeconds),
            busMessages,
            help);
    }

    private static double Number(string flag, string value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{flag}: '{value}' is not a number >= {min}");
}
