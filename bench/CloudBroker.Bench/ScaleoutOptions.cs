namespace CloudBroker.Bench;

/// <summary>The scaled-out scenario's flags: how many processes of each kind, and where PostgreSQL and RabbitMQ are.</summary>
/// <param name="WorkerDll">CloudBroker.Worker.dll, or null for this checkout's Release build.</param>
/// <param name="Postgres">A connection string without a database: each run gets a fresh one.</param>
/// <param name="RawSeconds">Seconds per raw baseline run (pgbench; RabbitMQ publishes).</param>
/// <param name="ServicesDirectory">Where tests/services/*.sh keep the servers (their pid files give the processes to meter).</param>
/// <param name="AfterMigrate">SQL run in each fresh database after the migration, for what-if runs (e.g. dropping a trigger); null for none.</param>
internal sealed record ScaleoutOptions(
    string? WorkerDll, int Apis, int Workers, string Postgres, Uri RabbitMq, TimeSpan RawSeconds, string ServicesDirectory, string? AfterMigrate = null)
{
    public static ScaleoutOptions Default { get; } = new(
        null,
        2,
        2,
        "Host=127.0.0.1;Port=35432;Username=postgres;Password=cloudbroker",
        new Uri("amqp://guest:guest@127.0.0.1:35700/"),
        TimeSpan.FromSeconds(10),
        Environment.GetEnvironmentVariable("CB_SERVICES_DIR") is { Length: > 0 } dir ? dir : "/tmp/cloudbroker-services");
}
