namespace CloudBroker.Contracts;

/// <summary>Command: remove at the provider whatever a failed create may have made for the instance.</summary>
public sealed record CompensateInstance(string InstanceId, string OperationId, int Attempt);
