namespace CloudBroker.Contracts;

/// <summary>Command: run the next step of a persisted operation (create, start, stop, reboot, destroy).</summary>
public sealed record ExecuteOperation(string OperationId, int Attempt);
