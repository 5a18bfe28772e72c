namespace CloudBroker.Api.Models;

/// <summary>Every list: a page of items and the opaque cursor of the next page (<c>null</c> on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
