namespace CloudBroker.Accounting.Alerts;

public static class AlertKinds
{
    /// <summary>A budget's rated month-to-date cost reached one of its <c>warnAt</c> thresholds.</summary>
    public const string BudgetThreshold = "budget-threshold";
}
