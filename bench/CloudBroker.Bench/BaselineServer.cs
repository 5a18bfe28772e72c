using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Bench;

/// <summary>
/// The bare baseline: Kestrel, routing and System.Text.Json (source-generated, like the API) answering the same
/// route with an object of the instance's shape, and nothing else (no auth, no database, no middleware).
/// </summary>
internal static class BaselineServer
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--baseline").ToArray());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default));
        var app = builder.Build();
        var created = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(2106303);
        app.MapGet("/api/instances/{id}", (string id) => TypedResults.Ok(new BaselineInstance(
            id, "bench-1", "mock", "eu-1a", "debian-12", "m1-small", 1, 1024, 10, "running",
            ["stop", "reboot", "destroy"], ["10.42.87.42"], null, "system", "admin", created, created.AddSeconds(1))));
        app.Run();
    }
}

/// <summary>The shape of the API's <c>InstanceModel</c>.</summary>
internal sealed record BaselineInstance(
    string Id,
    string Name,
    string ProviderId,
    string? RealmId,
    string ImageId,
    string HardwareProfileId,
    int Cpu,
    int MemoryMiB,
    int StorageGiB,
    string State,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Addresses,
    string? KeyId,
    string TenantId,
    string OwnerId,
    DateTime CreatedAt,
    DateTime UpdatedAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BaselineInstance))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
