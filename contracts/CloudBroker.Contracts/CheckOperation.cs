namespace CloudBroker.Contracts;

/// <summary>Command, sent as a timer row: look at the provider again to see whether the operation is done.</summary>
/// <param name="Paced">The check already holds a provider request token: it was told when to come back for it.</param>
public sealed record CheckOperation(string OperationId, bool Paced = false);
