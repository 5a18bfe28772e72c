using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// The embedded broker with its rating worker and export schedule idle (an hour between rounds; no machine wakes rating):
/// tests move the rating watermark and run the schedule's rounds themselves, as the worker would at those moments.
/// </summary>
public sealed class ExportScheduleFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:Accounting:RatingInterval"] = "01:00:00";
        settings["CloudBroker:Accounting:Exports:ScheduleInterval"] = "01:00:00";
    }
}
