namespace CloudBroker.Integration.Tests;

/// <summary>A request the broker accepted (202): its operation, and how it got there.</summary>
internal sealed record AcceptedOperation(
    string OperationId, string Kind, string InstanceId, string? Name, int Round, string Key, bool Retried, bool Replayed);
