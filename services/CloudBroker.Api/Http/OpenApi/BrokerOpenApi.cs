using CloudBroker.Api.Http.Limits;
using CloudBroker.Identity.Oidc;
using Microsoft.OpenApi;

namespace CloudBroker.Api.Http.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>): what a client generator needs to talk to the API without reading
/// prose — the bearer schemes on every protected operation, an operation id each, the problem types behind every error
/// status, described tags, and a server URL that never echoes the request's <c>Host</c>.
/// </summary>
internal static class BrokerOpenApi
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddBrokerOpenApi(this IServiceCollection services, Uri? publicUrl, OidcSettings oidc) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CloudBroker API";
                document.Info.Version = "1";
                document.Info.Description = "One REST API over private KVM pools and public clouds. See /problems for every error type.";
                // No open licence is granted (the repository carries none): an SPDX reference of its own says so.
                document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-CloudBroker-Proprietary" };

                // Never the request's Host header (anyone can send one): the configured public URL, or the root the
                // document was fetched from.
                document.Servers = [new OpenApiServer { Url = publicUrl is null ? "/" : publicUrl.ToString().TrimEnd('/') }];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(new SecurityRequirements(oidc));
            o.AddOperationTransformer<ProblemResponses>();
            o.AddDocumentTransformer<OperationIds>();
            o.AddDocumentTransformer<TagDescriptions>();
            o.AddSchemaTransformer<InputLimitsSchemaTransformer>();
        });
}
