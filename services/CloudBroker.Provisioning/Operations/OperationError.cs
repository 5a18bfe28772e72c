namespace CloudBroker.Provisioning.Operations;

/// <summary>Why an operation failed, as a problem document (type, title, status, detail).</summary>
public sealed record OperationError(string Type, string Title, int Status, string Detail);
