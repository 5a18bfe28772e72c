using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>One verdict of <see cref="InventoryComparison"/>.</summary>
/// <param name="Machine">The machine, when the provider listed one.</param>
/// <param name="Instance">The instance concerned; for an orphan, the terminated instance its tag or id names, if any.</param>
public sealed record InventoryFinding(InventoryFindingKind Kind, DriverInstance? Machine, KnownInstance? Instance);
