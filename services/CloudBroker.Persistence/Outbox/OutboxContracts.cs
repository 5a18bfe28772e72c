using System.Text.Json;
using CloudBroker.Contracts;

namespace CloudBroker.Persistence.Outbox;

/// <summary>
/// Turns contracts into outbox rows and back. Only types of the contracts assembly are accepted,
/// so a row can never make the dispatcher instantiate an arbitrary type.
/// </summary>
public static class OutboxContracts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> Types = typeof(ExecuteOperation).Assembly
        .GetExportedTypes()
        .Where(t => t.Namespace == typeof(ExecuteOperation).Namespace)
        .ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    public static OutboxMessage ToRow(object message, DateTime now, DateTime? notBefore = null)
    {
        var type = message.GetType();
        if (!Types.ContainsKey(type.FullName!))
        {
            throw new ArgumentException($"{type} is not a bus contract", nameof(message));
        }

        var row = new OutboxMessage
        {
            MessageType = type.FullName!,
            Body = JsonSerializer.Serialize(message, type, Json),
            CreatedAt = now,
            NotBefore = notBefore ?? now,
        };
        OutboxTelemetry.Capture(row);
        return row;
    }

    /// <summary>The bus message id of a row: the same every time the row is published, so inboxes can tell a repeat.</summary>
    public static Guid MessageIdOf(OutboxMessage row)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, row.Id);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes[8..], row.CreatedAt.Ticks);
        return new Guid(bytes);
    }

    public static (object Message, Type Type) FromRow(OutboxMessage row)
    {
        if (!Types.TryGetValue(row.MessageType, out var type))
        {
            throw new InvalidOperationException($"outbox row {row.Id} has unknown message type {row.MessageType}");
        }

        return (JsonSerializer.Deserialize(row.Body, type, Json)!, type);
    }
}
