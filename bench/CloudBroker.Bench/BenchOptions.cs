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
    IReadOnlyList<KeyValuePair<string, string>> Overrides,
    ScaleoutOptions Scaleout,
    CloudBroker.Bench.Clouds.CloudOptions Clouds,
    bool Help)
{
    public const string Reads = "reads";
    public const string Creates = "creates";
    public const string ScaledOut = "scaleout";
    public const string Quotas = "quotas";
    public const string CloudFakes = "clouds";
    public const string Rating = "rating";

    public const string Exports = "exports";

    public const string Claims = "claims";

    public const string Placing = "placement";

    /// <summary>placement: orders decided per run.</summary>
    public int Decisions { get; init; } = 20_000;

    /// <summary>claims: concurrent creates per run (the pool's realm may allocate a fifth of them).</summary>
    public int ClaimCount { get; init; } = 10_000;

    /// <summary>rating and exports: rows of the full run (a tenth of them in the small run).</summary>
    public long RatingRows { get; init; } = 10_000_000;

    /// <summary>rating: machines the rows are spread over (each contributes one row per hour).</summary>
    public int RatingInstances { get; init; } = 10_000;

    public const string Usage = """
        usage: CloudBroker.Bench [options]
          --scenario <name>  reads (default): GET /api/instances/{id}, API vs bare Kestrel
                             creates: POST /api/instances until `running`, beside raw SQLite and bus baselines
                             scaleout: the same against API and worker processes on PostgreSQL and RabbitMQ,
                             beside raw PostgreSQL inserts (pgbench) and raw RabbitMQ confirmed publishes
                             quotas: the creates run (embedded, SQLite) with quota accounting off, then on with
                             tenant, group and user limits that never refuse; alternating per round
                             clouds: 1,000 creates on the EC2 and Azure wire-level fakes under their create
                             buckets, timed until all run, against the bucket's theoretical minimum
                             rating: hourly usage rows through the pure rating function, 1 M, 10 M and 20 M
                             rows, each in a fresh process: rows/s and peak memory
                             claims: concurrent creates claiming one inventory row, on SQLite (embedded) and on
                             PostgreSQL (2 API processes): over-commits (goal 0) and claims/s
                             placement: the pure placement decision over 1,000 pools and 10,000 realms,
                             by 1 thread, one per core and 50 at once: p50/p99 decision time
          --duration <s>     measured seconds per run (reads 10, creates and scaleout 20)
          --warmup <s>       reads: unmeasured seconds before each run (default 3)
          --prime <s>        unmeasured load before measuring, so that JIT tier-up is over: reads, per server at
                             the highest client count before round 1 (default 15); creates, creates on each fresh
                             server before its measured run, then drained (creates 20, scaleout 10)
          --rounds <n>       runs per (target, clients); medians are reported (default 3)
          --clients <list>   concurrent clients, comma-separated (reads 1,32; creates 32)
          --out <file>       also write the markdown report there
          --api <dll>        CloudBroker.Api.dll (default: services/CloudBroker.Api/bin/Release/net10.0 of this checkout)
          --drain-timeout <s>   creates: longest wait, after the load, for every accepted instance to settle (default 120)
          --sqlite-seconds <s>  creates: seconds per raw SQLite insert run (default 3)
          --bus-messages <n>    creates: messages per raw bus run (default 50000)
          --set <NAME=VALUE>    creates, scaleout: an environment variable for every broker process, after the
                                harness's own settings (repeatable), e.g. --set CloudBroker__Bus__RabbitMq__PrefetchCount=64
          --worker <dll>        scaleout: CloudBroker.Worker.dll (default: services/CloudBroker.Worker/bin/Release/net10.0)
          --apis <n>            scaleout: API processes (default 2)
          --workers <n>         scaleout: worker processes (default 2)
          --postgres <cs>       scaleout: PostgreSQL connection string without a database
                                (default Host=127.0.0.1;Port=35432;Username=postgres;Password=cloudbroker)
          --rabbitmq <uri>      scaleout: RabbitMQ (default amqp://guest:guest@127.0.0.1:35700/)
          --raw-seconds <s>     scaleout: seconds per raw pgbench and RabbitMQ run (default 10)
          --after-migrate <sql> scaleout: SQL run in each fresh database after the migration (what-if runs only)
          --instances <n>       clouds: creates per run (default 1000)
          --burst <n>           clouds: the create bucket's size, at the fake and in the broker's pacing (default 5)
          --refill <r>          clouds: the create bucket's refill per second (default 10)
          --drivers <list>      clouds: which fakes, comma-separated (default ec2,azure)
          --rows <n>            rating: rows of the full run (default 10000000; also runs a tenth and twice it)
          --rating-instances <n> rating: machines the rows are spread over (default 10000)
          --claims <n>          claims: creates per run (default 10000; the realm may allocate a fifth)
          --decisions <n>       placement: orders decided per run (default 20000)
          --services-dir <dir>  scaleout: where tests/services/*.sh keep the servers' pid files, to meter their CPU
                                (default $CB_SERVICES_DIR or /tmp/cloudbroker-services)
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
        var overrides = new List<KeyValuePair<string, string>>();
        var scaleout = ScaleoutOptions.Default;
        var clouds = CloudBroker.Bench.Clouds.CloudOptions.Default;
        var help = false;
        long ratingRows = 10_000_000;
        var ratingInstances = 10_000;
        var claimCount = 10_000;
        var decisions = 20_000;
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
                    scenario = value is Reads or Creates or ScaledOut or Quotas or CloudFakes or Rating or Exports or Claims or Placing ? value
                        : throw new ArgumentException($"--scenario: '{value}' is not {Reads}, {Creates}, {ScaledOut}, {Quotas}, {CloudFakes}, {Rating}, {Exports}, {Claims} or {Placing}");
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
                case "--set":
                    var equals = value.IndexOf('=', StringComparison.Ordinal);
                    overrides.Add(equals > 0 ? new(value[..equals], value[(equals + 1)..]) : throw new ArgumentException($"--set: '{value}' is not NAME=VALUE"));
                    break;
                case "--worker":
                    scaleout = scaleout with { WorkerDll = value };
                    break;
                case "--apis":
                    scaleout = scaleout with { Apis = (int)Number(flag, value, min: 1) };
                    break;
                case "--workers":
                    scaleout = scaleout with { Workers = (int)Number(flag, value, min: 1) };
                    break;
                case "--postgres":
                    scaleout = scaleout with { Postgres = value };
                    break;
                case "--rabbitmq":
                    scaleout = scaleout with { RabbitMq = new Uri(value) };
                    break;
                case "--raw-seconds":
                    scaleout = scaleout with { RawSeconds = TimeSpan.FromSeconds(Number(flag, value, min: 1)) };
                    break;
                case "--after-migrate":
                    scaleout = scaleout with { AfterMigrate = value };
                    break;
                case "--instances":
                    clouds = clouds with { Instances = (int)Number(flag, value, min: 1) };
                    break;
                case "--burst":
                    clouds = clouds with { Burst = (int)Number(flag, value, min: 1) };
                    break;
                case "--refill":
                    clouds = clouds with { RefillPerSecond = Number(flag, value, min: 0.1) };
                    break;
                case "--drivers":
                    clouds = clouds with { Drivers = value.Split(',') };
                    break;
                case "--rows":
                    ratingRows = (long)Number(flag, value, min: 1000);
                    break;
                case "--rating-instances":
                    ratingInstances = (int)Number(flag, value, min: 1);
                    break;
                case "--claims":
                    claimCount = (int)Number(flag, value, min: 10);
                    break;
                case "--decisions":
                    decisions = (int)Number(flag, value, min: 100);
                    break;
                case "--services-dir":
                    scaleout = scaleout with { ServicesDirectory = value };
                    break;
                default:
                    throw new ArgumentException($"unknown flag {flag}");
            }
        }

        var creates = scenario is Creates or ScaledOut or Quotas;
        return new BenchOptions(
            scenario,
            TimeSpan.FromSeconds(duration ?? (creates ? 20 : 10)),
            TimeSpan.FromSeconds(warmup ?? 3),
            TimeSpan.FromSeconds(prime ?? (scenario == ScaledOut ? 10 : creates ? 20 : 15)),
            rounds ?? 3,
            clients ?? (creates ? [32] : scenario == CloudFakes ? [16] : scenario == Claims ? [64] : [1, 32]),
            output,
            api,
            TimeSpan.FromSeconds(drain),
            TimeSpan.FromSeconds(sqliteSeconds),
            busMessages,
            overrides,
            scaleout,
            clouds,
            help) { RatingRows = ratingRows, RatingInstances = ratingInstances, ClaimCount = claimCount, Decisions = decisions };
    }

    private static double Number(string flag, string value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{flag}: '{value}' is not a number >= {min}");
}
