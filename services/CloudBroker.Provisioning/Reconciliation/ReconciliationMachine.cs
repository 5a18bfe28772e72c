namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>A machine a run found something about, and what it did (see <see cref="ReconciliationActions"/>).</summary>
/// <param name="ProviderMachineId">The provider's id for the machine, when there is one.</param>
/// <param name="InstanceId">The broker instance concerned: matched, adopted, or named by the machine's tag.</param>
/// <param name="InstallationId">The installation the machine's tag names, when it has one.</param>
public sealed record ReconciliationMachine(string? ProviderMachineId, string? InstanceId, string? InstallationId, string Action, string Detail);
