namespace CloudBroker.Api.Models;

/// <summary>A broker-level size users order by.</summary>
public sealed record SizeModel(string Id, string Name, string? Description, int Cpu, int MemoryMiB, int StorageGiB, DateTime CreatedAt, DateTime UpdatedAt);
