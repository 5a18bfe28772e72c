using CloudBroker.Identity.Oidc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CloudBroker.Api.Http.OpenApi;

/// <summary>
/// The schemes a caller authenticates with — an API key as a bearer token, and an OIDC access token where an issuer is
/// configured — declared once and required by every operation that needs authorization; an anonymous one says so
/// with the empty requirement (<c>security: [{}]</c>), so no operation leaves a client guessing.
/// </summary>
internal sealed class SecurityRequirements(OidcSettings oidc) : IOpenApiOperationTransformer
{
    public const string ApiKey = "apiKey";
    public const string Oidc = "oidc";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()];
            return Task.CompletedTask;
        }

        var document = context.Document!;
        Declare(document);
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] });
        if (oidc.Enabled)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Oidc, document)] = [] });
        }

        return Task.CompletedTask;
    }

    private void Declare(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        var schemes = document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        schemes.TryAdd(ApiKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key, sent as `Authorization: Bearer <key>` (POST /api/api-keys makes one; the bootstrap admin key is in the data folder).",
        });
        if (oidc.Enabled)
        {
            schemes.TryAdd(Oidc, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OpenIdConnect,
                OpenIdConnectUrl = new Uri(oidc.Issuer!.TrimEnd('/') + "/.well-known/openid-configuration"),
                Description = $"An access token of the configured issuer for the audience '{oidc.Audience}', sent as `Authorization: Bearer <token>`.",
            });
        }
    }
}
