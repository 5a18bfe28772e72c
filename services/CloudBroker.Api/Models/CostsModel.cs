namespace CloudBroker.Api.Models;

/// <summary>Showback: costs in <c>currency</c> grouped by one attribute and a period (a day or a month), with the next page's cursor.</summary>
public sealed record CostsModel(string Currency, IReadOnlyList<CostItemModel> Items, string? Next);

/// <summary>
/// The cost of one group key (a tenant, group, user, provider, realm or tag value; <c>null</c> for charges without that
/// realm or tag) in one <c>period</c> (<c>yyyy-MM-dd</c> or <c>yyyy-MM</c>): decimal strings at full precision.
/// </summary>
public sealed record CostItemModel(string? Key, string Period, string ListCost, string BilledCost);
