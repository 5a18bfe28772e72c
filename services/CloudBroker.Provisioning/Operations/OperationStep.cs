namespace CloudBroker.Provisioning.Operations;

/// <summary>One recorded step of an operation: what was done, when, and how it went.</summary>
public sealed record OperationStep(string Name, string Status, DateTime At, string? Detail);
