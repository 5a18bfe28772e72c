namespace CloudBroker.Contracts;

/// <summary>Command: remove at the provider whatever a failed create may have made for the instance.</summary>
/// <param name="Paced">The step already holds a provider request token: it was told when to come back for it.</param>
public sealed record CompensateInstance(string InstanceId, string OperationId, int Attempt, bool Paced = false);
