using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// The API with metering woken by instance state changes, and otherwise looking every second (a tag change announces
/// nothing on the bus; on PostgreSQL a row waits for older transactions to end).
/// </summary>
public sealed class MeteringFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings) =>
        settings["CloudBroker:Accounting:Metering:Interval"] = "00:00:01";
}
