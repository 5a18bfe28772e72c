namespace CloudBroker.Bench;

/// <summary>
/// The broker a creates run loads, already started and ready: its API endpoints, its own processes, other
/// processes whose CPU is worth reporting (the database, the message broker), and where its outbox rows are
/// read back after the run. The embedded mode is one API process on SQLite; the scaled-out mode is several API
/// and worker processes on PostgreSQL and RabbitMQ.
/// </summary>
internal interface ICreateTarget
{
    /// <summary>The API processes' base addresses; the load spreads its clients over them.</summary>
    IReadOnlyList<Uri> ApiUris { get; }

    /// <summary>The broker's processes, named for the report (CPU time, run-queue wait, threads).</summary>
    IReadOnlyList<BrokerProcess> Processes { get; }

    /// <summary>Other processes to meter (CPU time only).</summary>
    IReadOnlyList<CpuMeter> OtherMeters { get; }

    /// <summary>Called just before the measured load starts.</summary>
    Task BeginMeasureAsync(CancellationToken cancellationToken);

    /// <summary>Called once the measured creates have drained, before their histories are read.</summary>
    Task EndMeasureAsync(CancellationToken cancellationToken);

    /// <summary>The outbox rows' times, read from the broker's database after the run.</summary>
    Task<OutboxTimes> ReadOutboxAsync(CancellationToken cancellationToken);
}

/// <summary>One process of the broker under test.</summary>
internal sealed record BrokerProcess(string Name, ServerProcess Server);

/// <summary>A process (or process tree) whose CPU time can be read at any moment.</summary>
internal sealed record CpuMeter(string Name, Func<TimeSpan> Read);
