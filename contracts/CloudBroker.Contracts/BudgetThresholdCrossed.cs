namespace CloudBroker.Contracts;

/// <summary>
/// Event: a scope's rated month-to-date cost reached one of its budget's thresholds (percent of the limit), raised once
/// per scope, threshold and month. Amounts are decimal strings in <paramref name="Currency"/>.
/// </summary>
public sealed record BudgetThresholdCrossed(
    string AlertId,
    string TenantId,
    string Scope,
    string ScopeId,
    string Period,
    int Threshold,
    string Limit,
    string Used,
    string Currency,
    DateTime RaisedAt);
