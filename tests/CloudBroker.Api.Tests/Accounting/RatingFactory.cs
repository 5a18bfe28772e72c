using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>The embedded broker with its rating worker idle (an hour between rounds): tests run rating themselves.</summary>
public sealed class RatingFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:Accounting:RatingInterval"] = "01:00:00";
    }
}
