using CloudBroker.Api.Apis;
using CloudBroker.Api.Http.Limits;
using CloudBroker.Hosting;
using CloudBroker.Identity;
using CloudBroker.Problems;
using Scalar.AspNetCore;

namespace CloudBroker.Api.Http;

/// <summary>The HTTP edge: JSON, problems, authentication, OpenAPI.</summary>
public static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddBrokerApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, BrokerJsonContext.Default);
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.AllowDuplicateProperties = false; // {"name":"a","name":"b"}: which one would a proxy or a log have checked?
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Framework-made problems (unknown route, wrong method) get our documented types too.
            var details = context.ProblemDetails;
            if (details.Type is null || !details.Type.StartsWith("/problems/", StringComparison.Ordinal))
            {
                var type = ProblemTypes.ForStatus(details.Status ?? context.HttpContext.Response.StatusCode);
                details.Type = type.Uri;
                details.Title = type.Title;
                details.Detail ??= type.Description;
            }

            details.Extensions.Remove("traceId");
            AuditProblemFeature.Note(context.HttpContext, details.Type);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddBrokerAuthentication(OidcFrom(builder.Configuration));
        services.AddAuthorizationBuilder().AddAccessPolicies();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CloudBroker API";
                document.Info.Version = "1";
                document.Info.Description = "One REST API over private KVM pools and public clouds. See /problems for every error type.";
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer<InputLimitsSchemaTransformer>();
        });
        return builder;
    }

    /// <summary>The OIDC settings, checked: an issuer needs an audience and a readable JWKS file.</summary>
    private static OidcSettings OidcFrom(IConfiguration configuration)
    {
        var oidc = configuration.GetSection(OidcSettings.Section).Get<OidcSettings>() ?? new OidcSettings();
        if (!oidc.Enabled)
        {
            return oidc;
        }

        if (oidc.Issuer!.Length > OidcSettings.MaxIssuerLength)
        {
            throw new BrokerConfigurationException($"CloudBroker__Auth__Oidc__Issuer must be at most {OidcSettings.MaxIssuerLength} characters (it is stored beside each user's subject).");
        }

        if (string.IsNullOrWhiteSpace(oidc.Audience))
        {
            throw new BrokerConfigurationException("CloudBroker__Auth__Oidc__Issuer is set, so CloudBroker__Auth__Oidc__Audience must be too (the 'aud' tokens are issued for).");
        }

        if (string.IsNullOrWhiteSpace(oidc.JwksFile) || !File.Exists(oidc.JwksFile))
        {
            throw new BrokerConfigurationException($"CloudBroker__Auth__Oidc__JwksFile must name the issuer's JWKS file (got '{oidc.JwksFile}').");
        }

        return oidc;
    }

    public static WebApplication UseBrokerApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<AuditMiddleware>(); // before authorization: its 403s are recorded too
        app.UseAuthorization();
        app.UseMiddleware<QueryParametersMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    public static WebApplication MapBrokerApis(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapBrokerHealth();
        app.MapProblemsApi();
        app.MapRootApi();

        var api = app.MapGroup("/api").RequireAuthorization();
        api.AddEndpointFilterFactory(InputLimitsFilter.Create); // every body, before its handler
        api.MapProvidersApi();
        api.MapCatalogApi();
        api.MapInstancesApi();
        api.MapOperationsApi();
        api.MapKeysApi();
        api.MapQuotasApi();
        api.MapReconciliationsApi();
        api.MapTenantsApi();
        api.MapGroupsApi();
        api.MapUsersApi();
        api.MapApiKeysApi();
        api.MapMeApi();
        api.MapAuditApi();
        return app;
    }
}
