using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>
/// Reads <c>GET /api/audit</c>. Entries are written once a response has completed (<c>AuditMiddleware</c> writes in
/// <c>OnCompleted</c>, so the answer never waits for the log): a test that checks what was recorded polls for it.
/// </summary>
internal static class AuditEntries
{
    public static async Task<IReadOnlyList<JsonObject>> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        AssertMembers(page, "items", "next");
        return [.. page["items"]!.AsArray().Select(e => e!.AsObject())];
    }

    /// <summary>The entries at <paramref name="path"/> that match, once there are at least <paramref name="count"/> of them.</summary>
    public static async Task<IReadOnlyList<JsonObject>> WaitForAsync(HttpClient client, string path, int count, Func<JsonObject, bool>? matching = null)
    {
        var deadline = DateTime.UtcNow + InstanceCalls.Timeout;
        while (true)
        {
            var entries = (await ListAsync(client, path)).Where(matching ?? (_ => true)).ToList();
            if (entries.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(entries.Count >= count, $"expected {count} entries at {path}, got {entries.Count}");
                return entries;
            }

            await Task.Delay(20, Ct);
        }
    }
}
