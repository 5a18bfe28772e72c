namespace CloudBroker.Api.Models;

/// <summary>One entry of an instance's history: a state change of the instance or a status change of an operation on it.</summary>
public sealed record InstanceEventModel(string Id, DateTime At, string Subject, string? OperationId, string? From, string To, string Cause);
