namespace CloudBroker.Contracts;

/// <summary>Command, sent as a timer row: look at the provider again to see whether the operation is done.</summary>
/// <param name="Turn">The provider request token the check holds, given for a later turn (the pacing's own time).</param>
public sealed record CheckOperation(string OperationId, double? Turn = null);
