namespace CloudBroker.Api.Models;

/// <summary>
/// A budget threshold reached: the scope (<c>tenant</c>, <c>group</c>, <c>user</c>), its month (<c>yyyy-MM</c>), the
/// threshold in percent of the limit, and the limit and rated month-to-date cost then (decimal strings in <c>currency</c>).
/// </summary>
public sealed record AlertModel(
    string Id, string Kind, string TenantId, string Scope, string ScopeId, string Period, int Threshold, string Limit, string Used,
    string Currency, DateTime RaisedAt);
