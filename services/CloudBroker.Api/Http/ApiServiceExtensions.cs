using CloudBroker.Api.Apis;
using CloudBroker.Hosting;
using CloudBroker.Identity;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Authentication;
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
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddAccessPolicies();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CloudBroker API";
            document.Info.Version = "1";
            document.Info.Description = "One REST API over private KVM pools and public clouds. See /problems for every error type.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication UseBrokerApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
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
        api.MapProvidersApi();
        api.MapCatalogApi();
        api.MapInstancesApi();
        api.MapOperationsApi();
        api.MapKeysApi();
        api.MapQuotasApi();
        api.MapReconciliationsApi();
        return app;
    }
}
