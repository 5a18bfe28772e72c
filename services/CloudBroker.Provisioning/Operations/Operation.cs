using CloudBroker.Drivers;
using CloudBroker.Persistence.Ownership;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Pacing;

namespace CloudBroker.Provisioning.Operations;

/// <summary>The persisted record of an asynchronous request: its steps, attempts, deadline and outcome.</summary>
public sealed class Operation : IOwnedRow
{
    public required string Id { get; init; }

    public OperationKind Kind { get; init; }

    public OperationStatus Status { get; set; }

    /// <summary>The resource the operation acts on: an instance, or an export for <see cref="OperationKind.Export"/>.</summary>
    public required string TargetId { get; init; }

    public List<OperationStep> Steps { get; set; } = [];

    public OperationError? Error { get; set; }

    /// <summary>Provider calls made so far (the first is attempt 1).</summary>
    public int Attempts { get; set; }

    /// <summary>When the operation gives up waiting for the provider.</summary>
    public DateTime Deadline { get; set; }

    /// <summary>
    /// Until when the step scheduled last is trusted to come; past it, the sweeper re-drives the
    /// operation (its message was lost with a process).
    /// </summary>
    public DateTime LeaseUntil { get; set; }

    /// <summary>Whether the provider accepted the operation's call (then only checks remain).</summary>
    public bool ProviderCallMade { get; set; }

    /// <summary>The kind of call the request token the next step holds was given for (<see cref="HeldTurn"/>); null: none held.</summary>
    public ProviderCallKind? PacingKind { get; private set; }

    /// <summary>The turn of that token, in the pacing's own time.</summary>
    public double? PacingTurn { get; private set; }

    public required string TenantId { get; init; }

    public required string OwnerId { get; init; }

    public required string GroupId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public bool IsFinished => Status is OperationStatus.Succeeded or OperationStatus.Failed or OperationStatus.Cancelled;

    /// <summary>The idempotency token for provider calls: the same for every retry of this operation.</summary>
    public string ProviderToken => "cb-" + Id;

    /// <summary>
    /// The request token a step waiting for its turn was given (the pacing turn lives with the operation, not in the
    /// step's message): kept until a step comes back for it, whatever brings it — its timer row, or the sweeper.
    /// </summary>
    public void Hold(HeldTurn? turn)
    {
        PacingKind = turn?.Kind;
        PacingTurn = turn?.At;
    }

    /// <summary>The token held for this step, handed over to it: a later step takes a token of its own.</summary>
    public HeldTurn? TakeHeldTurn()
    {
        HeldTurn? held = PacingKind is { } kind && PacingTurn is { } at ? new HeldTurn(kind, at) : null;
        if (held is not null)
        {
            Hold(null);
        }

        return held;
    }

    public void Record(string step, string status, DateTime at, string? detail = null)
    {
        Steps = [.. Steps, new OperationStep(step, status, at, detail)];
        UpdatedAt = at;
        Version++;
    }

    /// <summary>Records the final step; the status itself is set with its history row (<c>HistoryRecording.MoveTo</c>).</summary>
    public void Succeed(DateTime at) => Record("completed", "succeeded", at);

    /// <summary>Records the error and the final step; the status is set with its history row.</summary>
    public void Fail(ProblemType type, string detail, DateTime at)
    {
        Error = new OperationError(type.Uri, type.Title, type.Status, detail);
        Record("completed", "failed", at, detail);
    }
}
