using CloudBroker.Api.Apis;
using CloudBroker.Api.Http.Limits;
using CloudBroker.Api.Http.OpenApi;
using CloudBroker.Api.RateLimiting;
using CloudBroker.Hosting;
using CloudBroker.Identity.Authentication;
using CloudBroker.Identity.Oidc;
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
        var oidc = OidcFrom(builder.Configuration);
        services.AddBrokerAuthentication(oidc);
        services.AddAuthorizationBuilder().AddAccessPolicies();
        services.AddBrokerRateLimiting(builder.Configuration);
        var publicUrl = PublicUrlFrom(builder.Configuration);
        services.AddBrokerOpenApi(publicUrl, oidc);
        return builder;
    }

    /// <summary><c>CloudBroker:PublicUrl</c>, checked: an absolute http(s) URL, or unset.</summary>
    private static Uri? PublicUrlFrom(IConfiguration configuration)
    {
        var value = configuration["CloudBroker:PublicUrl"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new BrokerConfigurationException($"CloudBroker__PublicUrl must be an absolute http or https URL (got '{value}').");
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

        if (oidc.MaxTokenLifetime <= TimeSpan.Zero)
        {
            throw new BrokerConfigurationException($"CloudBroker__Auth__Oidc__MaxTokenLifetime must be positive (got {oidc.MaxTokenLifetime}).");
        }

        return oidc;
    }

    public static WebApplication UseBrokerApi(this WebApplication app)
    {
        var rateLimits = app.Services.RateLimitsEnabled();
        app.UseMiddleware<ClientGoneMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>(); // outside the exception handler: problems carry the headers too
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseMiddleware<HtmlPagePolicyMiddleware>());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        if (rateLimits)
        {
            app.UseMiddleware<AuthenticationThrottleMiddleware>();
        }

        app.UseAuthentication();
        if (rateLimits)
        {
            app.UseRateLimiter(); // before the audit: a flood of refusals writes nothing
        }

        app.UseMiddleware<AuditMiddleware>(); // before authorization: its 403s are recorded too
        app.UseAuthorization();
        app.UseMiddleware<QueryParametersMiddleware>();
        app.UseMiddleware<DatabaseRetryMiddleware>(); // unkeyed mutations; keyed ones retry inside their key's transaction
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    public static WebApplication MapBrokerApis(this WebApplication app)
    {
        app.MapOpenApi(); // BrokerOpenApi.DocumentPath
        app.MapScalarApiReference();
        app.MapBrokerHealth(probe => probe.AllowQuery());
        app.MapBrokerTelemetry();
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
        api.MapPriceBooksApi();
        api.MapChargesApi();
        api.MapBillingPeriodsApi();
        api.MapCostsApi();
        api.MapAlertsApi();
        api.MapWebhooksApi();
        api.MapExportsApi();
        api.MapReconciliationsApi();
        api.MapTenantsApi();
        api.MapGroupsApi();
        api.MapUsersApi();
        api.MapApiKeysApi();
        api.MapMeApi();
        api.MapAuditApi();
        api.MapUsageApi();
        api.MapPoolsApi();
        api.MapSizesApi();
        api.MapPlacementsApi();
        api.MapImageFamiliesApi();
        return app;
    }
}
