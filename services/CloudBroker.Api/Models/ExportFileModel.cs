namespace CloudBroker.Api.Models;

/// <summary>A file of an export: its name, type, size, SHA-256 (hex) and rows, and where to download it.</summary>
public sealed record ExportFileModel(string Name, string ContentType, long Bytes, string Sha256, long? Rows, string Href);
