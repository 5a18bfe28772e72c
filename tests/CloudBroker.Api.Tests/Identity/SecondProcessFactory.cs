using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// Another API process on the database of <paramref name="first"/> (PostgreSQL runs only: SQLite has one process per
/// database), with a data folder of its own, as a second replica behind a load balancer would run.
/// </summary>
public sealed class SecondProcessFactory(ApiFactory first) : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings) =>
        settings["CloudBroker:Database:ConnectionString"] = first.Settings()["CloudBroker:Database:ConnectionString"];
}
