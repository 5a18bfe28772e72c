using CloudBroker.Problems;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Pricing;

namespace CloudBroker.Quotas.Counters;

/// <summary>The <c>403 quota-exceeded</c> answer: which scope and resource, its limit, what it held before and what was asked.</summary>
internal static class QuotaExceeded
{
    public static ProblemException Problem(string scope, string scopeId, int index, long limit, long used, long reserved, long requested, string currency)
    {
        var resource = QuotaResources.All[index];
        QuotaTelemetry.Refused(resource, scope);
        var money = index == QuotaResources.BudgetIndex;
        object Amount(long value) => money ? MicroUnits.Format(value) : value;
        var extensions = new Dictionary<string, object?>
        {
            ["scope"] = scope,
            ["scopeId"] = scopeId,
            ["resource"] = resource,
            ["limit"] = Amount(limit),
            ["used"] = Amount(used),
            ["reserved"] = Amount(reserved),
            ["requested"] = Amount(requested),
        };
        if (money)
        {
            extensions["currency"] = currency;
        }

        var unit = money ? " " + currency : "";
        return new ProblemException(ProblemTypes.QuotaExceeded,
            $"the {scope} quota of {scope} '{scopeId}' allows {Amount(limit)}{unit} of {resource}; {Amount(used)} used and {Amount(reserved)} reserved leave too little for {Amount(requested)}{unit} more",
            extensions: extensions);
    }
}
