namespace CloudBroker.Contracts;

/// <summary>Command, sent as a timer row: look at the provider again to see whether the operation is done.</summary>
public sealed record CheckOperation(string OperationId);
