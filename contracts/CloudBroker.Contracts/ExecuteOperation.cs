namespace CloudBroker.Contracts;

/// <summary>Command: run the next step of a persisted operation (create, start, stop, reboot, destroy).</summary>
/// <param name="Paced">The step already holds a provider request token: it was told when to come back for it.</param>
public sealed record ExecuteOperation(string OperationId, int Attempt, bool Paced = false);
