namespace CloudBroker.Api.Models;

public sealed record OperationStepModel(string Name, string Status, DateTime At, string? Detail);
