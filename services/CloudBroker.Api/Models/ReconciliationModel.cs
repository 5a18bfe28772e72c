namespace CloudBroker.Api.Models;

/// <summary>
/// One reconciliation run of a provider: <c>trigger</c> is <c>schedule</c> or <c>manual</c>, <c>status</c>
/// <c>running</c>, <c>succeeded</c> or <c>failed</c> (then <c>error</c> says why).
/// </summary>
public sealed record ReconciliationModel(
    string Id,
    string ProviderId,
    string Trigger,
    string Status,
    string? Error,
    DateTime StartedAt,
    DateTime? FinishedAt,
    ReconciliationCountsModel Counts,
    IReadOnlyList<ReconciliationMachineModel> Machines);
