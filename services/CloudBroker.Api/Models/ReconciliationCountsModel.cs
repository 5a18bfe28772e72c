namespace CloudBroker.Api.Models;

/// <summary>What a reconciliation run counted: machines listed, matched to instances, and what was done about the rest.</summary>
public sealed record ReconciliationCountsModel(
    int Seen,
    int Matched,
    int Vanished,
    int OrphansReported,
    int Adopted,
    int Destroyed,
    int Foreign,
    int StuckResolved);
