using System.Globalization;

namespace CloudBroker.Bench;

/// <summary>Command-line flags of the harness.</summary>
internal sealed record BenchOptions(
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan Prime,
    int Rounds,
    IReadOnlyList<int> Clients,
    string? OutputPath,
    string? ApiDll,
    bool Help)
{
    public const string Usage = """
        usage: CloudBroker.Bench [options]
          --duration <s>     measured seconds per run (default 10)
          --warmup <s>       unmeasured seconds before each run (default 3)
          --prime <s>        unmeasured seconds per server at the highest client count before round 1,
                             so that JIT tier-up is over before anything is measured (default 15)
          --rounds <n>       runs per (target, clients); medians are reported (default 3)
          --clients <list>   concurrent clients, comma-separated (default 1,32)
          --out <file>       also write the markdown report there
          --api <dll>        CloudBroker.Api.dll (default: services/CloudBroker.Api/bin/Release/net10.0 of this checkout)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15), 3, [1, 32], null, null, Help: false);
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag is "-h" or "--help")
            {
                options = options with { Help = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{flag} needs a value, or is unknown");
            }

            var value = args[++i];
            options = flag switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(flag, value, min: 1)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number(flag, value, min: 0)) },
                "--prime" => options with { Prime = TimeSpan.FromSeconds(Number(flag, value, min: 0)) },
                "--rounds" => options with { Rounds = (int)Number(flag, value, min: 1) },
                "--clients" => options with { Clients = [.. value.Split(',').Select(c => (int)Number(flag, c, min: 1))] },
                "--out" => options with { OutputPath = value },
                "--api" => options with { ApiDll = value },
                _ => throw new ArgumentException($"unknown flag {flag}"),
            };
        }

        return options;
    }

    private static double Number(string flag, string value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{flag}: '{value}' is not a number >= {min}");
}
