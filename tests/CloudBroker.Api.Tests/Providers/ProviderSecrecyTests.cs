using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// A credential, once sent, is never seen again: not in any answer (the provider, its list, its test, the audit log,
/// the OpenAPI document), not in any log line at any level, not in clear in the database.
/// </summary>
public sealed class ProviderSecrecyTests(StoredProvidersFactory factory) : IClassFixture<StoredProvidersFactory>
{
    [Fact]
    public async Task A_posted_secret_appears_in_no_answer_no_log_line_and_not_in_clear_in_the_database()
    {
        var secret = "canary-" + Guid.NewGuid().ToString("N");
        var rotated = "canary-" + Guid.NewGuid().ToString("N");
        using var admin = factory.CreateAdminClient();
        var answers = new StringBuilder();
        async Task<HttpResponseMessage> Send(HttpRequestMessage request)
        {
            var response = await admin.SendAsync(request, Ct);
            answers.Append(response.Headers).Append(await response.Content.ReadAsStringAsync(Ct)).Append('\n');
            return response;
        }

        var id = NewId("secret");
        var body = MockBody(id, password: secret); // the mock refuses it: the refusal's messages must not repeat it either
        body["credentials"]!["token"] = secret;
        using (var created = await Send(new HttpRequestMessage(HttpMethod.Post, "/api/providers") { Content = Body(body) }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var test = await Send(new HttpRequestMessage(HttpMethod.Post, $"/api/providers/{id}/test")))
        {
            await ExpectProblemAsync(test, HttpStatusCode.BadGateway, "provider-authentication-failed");
        }

        var put = new HttpRequestMessage(HttpMethod.Put, "/api/providers/" + id)
        {
            Content = Body(new JsonObject { ["driver"] = "mock", ["credentials"] = new JsonObject { ["username"] = "mockuser", ["password"] = rotated } }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await Send(put)).Dispose();
        using (var malformed = await Send(new HttpRequestMessage(HttpMethod.Post, "/api/providers")
        {
            Content = Body(new JsonObject { ["id"] = NewId("bad"), ["driver"] = "mock", ["credentials"] = new JsonObject { ["password"] = new JsonArray(secret) } }),
        }))
        {
            await ExpectFieldErrorAsync(malformed, "/credentials/password");
        }

        foreach (var path in new[] { "/api/providers/" + id, "/api/providers?limit=500", "/api/audit?limit=500", "/openapi/v1.json" })
        {
            (await Send(new HttpRequestMessage(HttpMethod.Get, path))).Dispose();
        }

        Assert.Contains(id, answers.ToString(), StringComparison.Ordinal); // the answers were captured
        Assert.True(factory.Logs.Count > 50, $"only {factory.Logs.Count} log lines were captured");
        foreach (var canary in new[] { secret, rotated })
        {
            Assert.DoesNotContain(canary, answers.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(canary, factory.Logs.Text, StringComparison.Ordinal);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<ProviderRecord>().AsNoTracking().SingleAsync(p => p.Id == id, Ct);
        Assert.DoesNotContain(rotated, Encoding.UTF8.GetString(row.Credentials!), StringComparison.Ordinal);
        Assert.DoesNotContain("mockuser", Encoding.UTF8.GetString(row.Credentials!), StringComparison.Ordinal);
    }
}
