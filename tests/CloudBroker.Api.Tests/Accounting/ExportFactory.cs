using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>The embedded broker for export tests: the rating worker runs once at start and then idles (the charges are written by the test).</summary>
public sealed class ExportFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:Accounting:RatingInterval"] = "01:00:00";
    }
}
