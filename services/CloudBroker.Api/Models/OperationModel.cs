namespace CloudBroker.Api.Models;

/// <summary>The record of an asynchronous request: the body of every 202 and of <c>GET /api/operations/{id}</c>.</summary>
public sealed record OperationModel(
    string Id,
    string Kind,
    string Status,
    string TargetId,
    IReadOnlyList<OperationStepModel> Steps,
    OperationErrorModel? Error,
    int Attempts,
    DateTime Deadline,
    DateTime CreatedAt,
    DateTime UpdatedAt);
