using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Identity.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// The authorization matrix, generated from the app's own endpoint list: every <c>/api</c> endpoint must carry
/// an <see cref="AccessRule"/> (an endpoint added without one fails here), and every endpoint × role answers
/// 403 <c>forbidden</c> exactly when the rule leaves the role out (401 without a key). Requests name ids that
/// do not exist and send empty bodies, so an allowed role gets 400 or 404 and nothing changes.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Missing = "00000000-0000-7000-8000-00000000dead";

    [Fact]
    public void Every_api_endpoint_declares_exactly_one_access_rule()
    {
        var endpoints = ApiEndpoints().ToArray();
        Assert.True(endpoints.Length >= 30, $"only {endpoints.Length} endpoints found");
        var without = endpoints.Where(e => e.Metadata.GetOrderedMetadata<AccessRule>().Count != 1)
            .Select(e => Describe(e)).ToArray();
        Assert.True(without.Length == 0, "endpoints without exactly one access rule: " + string.Join(", ", without));
    }

    /// <summary>
    /// The whole matrix in one place, for review: a new endpoint, a removed one or a changed rule must be
    /// written here too.
    /// </summary>
    [Fact]
    public void The_access_rules_are_the_reviewed_matrix()
    {
        var actual = ApiEndpoints()
            .SelectMany(e => Methods(e).Select(m => $"{m} {e.RoutePattern.RawText} -> {e.Metadata.GetMetadata<AccessRule>()?.Name ?? "(none)"}"))
            .Order(StringComparer.Ordinal).ToArray();
        var expected = ReviewedMatrix.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToArray();
        Assert.True(expected.SequenceEqual(actual),
            "the endpoints' rules differ from the reviewed matrix.\nnot in the app: " + string.Join("; ", expected.Except(actual)) +
            "\nnot reviewed: " + string.Join("; ", actual.Except(expected)) + "\nwhole actual matrix:\n" + string.Join("\n", actual));
    }

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_its_rule_says()
    {
        var keys = new Dictionary<string, string> { [Roles.Admin] = ApiFactory.AdminKey };
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            keys[role] = await factory.AddUserKeyAsync("matrix-" + role, role, tenantId: "matrix");
        }

        var mismatches = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            var rule = endpoint.Metadata.GetMetadata<AccessRule>()!;
            foreach (var method in Methods(endpoint))
            {
                using (var anonymous = await SendAsync(method, endpoint, key: null))
                {
                    var expected = rule == AccessRule.Public ? "not 401" : "401";
                    if ((anonymous.StatusCode == HttpStatusCode.Unauthorized) != (rule != AccessRule.Public))
                    {
                        mismatches.Add($"{method} {endpoint.RoutePattern.RawText} anonymous: {(int)anonymous.StatusCode}, expected {expected}");
                    }
                }

                foreach (var (role, key) in keys)
                {
                    using var response = await SendAsync(method, endpoint, key);
                    var allowed = rule == AccessRule.Public || rule.Roles.Contains(role);
                    var forbidden = response.StatusCode == HttpStatusCode.Forbidden;
                    if (forbidden == allowed || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.InternalServerError)
                    {
                        mismatches.Add($"{method} {endpoint.RoutePattern.RawText} as {role}: {(int)response.StatusCode}, rule '{rule.Name}' {(allowed ? "allows" : "refuses")} it");
                    }
                    else if (forbidden)
                    {
                        await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    // Rules (services/CloudBroker.Identity/AccessRule.cs): public = no key; read, self-service = every role;
    // operate = admin, tenant-admin, member; manage-tenant = admin, tenant-admin; audit = admin, tenant-admin, auditor;
    // finance = admin, tenant-admin, finance, auditor; admin = admin. Which users a caller may manage inside these
    // rules (users, their keys) is the reviewed table of UserManagementMatrixTests.
    private const string ReviewedMatrix = """
        DELETE /api/groups/{id} -> manage-tenant
        DELETE /api/instances/{id} -> operate
        DELETE /api/keys/{id} -> operate
        DELETE /api/providers/{id} -> admin
        DELETE /api/tenants/{id} -> admin
        DELETE /api/users/{id} -> manage-tenant
        DELETE /api/users/{userId}/api-keys/{keyId} -> self-service
        DELETE /api/webhooks/{id} -> manage-tenant
        GET /api -> public
        GET /api/alerts -> finance
        GET /api/audit -> audit
        GET /api/billing-periods -> finance
        GET /api/charges -> finance
        GET /api/costs -> read
        GET /api/exports/ -> finance
        GET /api/exports/{id} -> finance
        GET /api/exports/{id}/files/{name} -> finance
        POST /api/exports/ -> finance
        GET /api/groups/ -> read
        GET /api/groups/{id} -> read
        GET /api/hardware-profiles -> read
        GET /api/images -> read
        GET /api/instance-states -> read
        GET /api/instances/ -> read
        GET /api/instances/{id} -> read
        GET /api/instances/{id}/events -> read
        GET /api/keys/ -> read
        GET /api/keys/{id} -> read
        GET /api/me -> read
        GET /api/operations/{id} -> read
        GET /api/providers/ -> read
        GET /api/price-books/ -> finance
        GET /api/price-books/{id} -> finance
        GET /api/price-books/{id}/versions/{version} -> finance
        POST /api/price-books/ -> admin
        POST /api/price-books/{id}/versions -> admin
        POST /api/price-books/{id}/versions/{version}/publish -> admin
        PUT /api/price-books/{id}/versions/{version} -> admin
        GET /api/quotas/ -> read
        GET /api/quotas/{scope}/{id} -> read
        GET /api/quotas/{scope}/{id}/usage -> read
        GET /api/providers/{id} -> read
        GET /api/providers/{id}/reconciliations -> admin
        GET /api/providers/{id}/reconciliations/{runId} -> admin
        GET /api/realms -> read
        GET /api/tenants/ -> read
        GET /api/tenants/{id} -> read
        GET /api/usage -> finance
        GET /api/pools/ -> read
        GET /api/pools/{id} -> read
        POST /api/pools/ -> admin
        PUT /api/pools/{id} -> admin
        DELETE /api/pools/{id} -> admin
        GET /api/sizes/ -> read
        GET /api/sizes/{id} -> read
        GET /api/sizes/{id}/matches -> read
        POST /api/sizes/ -> admin
        PUT /api/sizes/{id} -> admin
        DELETE /api/sizes/{id} -> admin
        GET /api/image-families/ -> read
        GET /api/image-families/{id} -> read
        POST /api/image-families/ -> admin
        PUT /api/image-families/{id} -> admin
        DELETE /api/image-families/{id} -> admin
        POST /api/placements/preview -> operate
        GET /api/instances/{id}/placement -> read
        GET /api/tenants/{id}/placement-policy -> read
        PUT /api/tenants/{id}/placement-policy -> manage-tenant
        GET /api/users/ -> read
        GET /api/users/{id} -> read
        GET /api/users/{userId}/api-keys/ -> self-service
        GET /api/webhooks/ -> manage-tenant
        GET /api/webhooks/{id} -> manage-tenant
        GET /api/webhooks/{id}/deliveries -> manage-tenant
        PATCH /api/instances/{id} -> operate
        PATCH /api/users/{id} -> manage-tenant
        POST /api/groups/ -> manage-tenant
        POST /api/instances/ -> operate
        POST /api/instances/{id}/reboot -> operate
        POST /api/instances/{id}/start -> operate
        POST /api/instances/{id}/stop -> operate
        POST /api/keys/ -> operate
        POST /api/providers/ -> admin
        POST /api/providers/{id}/reconcile -> admin
        POST /api/providers/{id}/test -> admin
        POST /api/tenants/ -> admin
        POST /api/users/ -> manage-tenant
        POST /api/users/{userId}/api-keys/ -> self-service
        POST /api/webhooks/ -> manage-tenant
        PUT /api/groups/{id} -> manage-tenant
        PUT /api/providers/{id} -> admin
        PUT /api/quotas/{scope}/{id} -> manage-tenant
        PUT /api/tenants/{id} -> admin
        PUT /api/users/{id} -> manage-tenant
        """;

    private async Task<HttpResponseMessage> SendAsync(string method, RouteEndpoint endpoint, string? key)
    {
        using var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        var path = string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            _ => Missing,
        }))));
        var request = new HttpRequestMessage(new HttpMethod(method), "/" + path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = Body(new JsonObject());
            request.Headers.TryAddWithoutValidation("If-Match", "\"999999\"");
        }

        return await client.SendAsync(request, Ct);
    }

    private IEnumerable<RouteEndpoint> ApiEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api", StringComparison.Ordinal) == true);

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    private static string Describe(RouteEndpoint endpoint) => string.Join('|', Methods(endpoint)) + " " + endpoint.RoutePattern.RawText;
}
