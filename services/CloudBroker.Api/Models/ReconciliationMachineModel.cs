namespace CloudBroker.Api.Models;

/// <summary>
/// A machine a run found something about. <c>action</c>: <c>vanished</c>, <c>linked</c>, <c>reported</c>,
/// <c>adopted</c>, <c>destroyed</c>, <c>destroy-failed</c>, <c>foreign</c>, <c>operation-failed</c> or <c>skipped</c>.
/// </summary>
public sealed record ReconciliationMachineModel(string? ProviderMachineId, string? InstanceId, string? InstallationId, string Action, string Detail);
