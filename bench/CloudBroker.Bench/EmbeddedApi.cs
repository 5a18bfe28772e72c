namespace CloudBroker.Bench;

/// <summary>The embedded mode as the creates scenario runs it: one API process (all roles) on SQLite in its data folder.</summary>
internal sealed class EmbeddedApi(ServerProcess api, string dataDirectory) : ICreateTarget
{
    public IReadOnlyList<Uri> ApiUris { get; } = [api.BaseUri];

    public IReadOnlyList<BrokerProcess> Processes { get; } = [new("API", api)];

    public IReadOnlyList<CpuMeter> OtherMeters { get; } = [];

    public Task BeginMeasureAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EndMeasureAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<OutboxTimes> ReadOutboxAsync(CancellationToken cancellationToken) =>
        Task.FromResult(OutboxTimes.Read(Path.Combine(dataDirectory, "cloudbroker.db")));
}
