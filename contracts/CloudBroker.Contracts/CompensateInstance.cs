namespace CloudBroker.Contracts;

/// <summary>Command: remove at the provider whatever a failed create may have made for the instance.</summary>
/// <param name="Turn">The provider request token the step holds, given for a later turn (the pacing's own time).</param>
public sealed record CompensateInstance(string InstanceId, string OperationId, int Attempt, double? Turn = null);
