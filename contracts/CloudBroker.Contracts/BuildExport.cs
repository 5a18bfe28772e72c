namespace CloudBroker.Contracts;

/// <summary>Command: build the files and manifest of the export whose operation (of kind <c>export</c>) this is.</summary>
public sealed record BuildExport(string OperationId);
