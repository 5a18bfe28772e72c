namespace CloudBroker.Contracts;

/// <summary>Command: run the next step of a persisted operation (create, start, stop, reboot, destroy).</summary>
/// <param name="Turn">The provider request token the step holds, given for a later turn (the pacing's own time).</param>
public sealed record ExecuteOperation(string OperationId, int Attempt, double? Turn = null);
