using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CloudBroker.Persistence;

/// <summary>
/// Every timestamp is UTC. SQLite hands DateTime back with an unspecified kind; marking it UTC keeps
/// the wire's RFC 3339 "Z" and comparisons correct.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
