using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>The embedded broker for export tests: the rating worker idles (an hour between rounds): the test writes the charges and the watermark as rating would.</summary>
public sealed class ExportFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:Accounting:RatingInterval"] = "01:00:00";
    }
}
