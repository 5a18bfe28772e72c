namespace CloudBroker.Api.Models;

/// <summary>Why an operation failed, as a problem document.</summary>
public sealed record OperationErrorModel(string Type, string Title, int Status, string Detail);
