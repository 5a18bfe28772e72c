using CloudBroker.Identity.Access;
using Microsoft.AspNetCore.Authorization;

namespace CloudBroker.Api.Http;

/// <summary>Gives endpoints their <see cref="AccessRule"/>: the rule as metadata (for the matrix test) and its policy.</summary>
public static class AccessExtensions
{
    public static TBuilder Allow<TBuilder>(this TBuilder builder, AccessRule rule)
        where TBuilder : IEndpointConventionBuilder =>
        rule == AccessRule.Public ? builder.WithMetadata(rule).AllowAnonymous() : builder.WithMetadata(rule).RequireAuthorization(rule.Policy);

    /// <summary>One policy per rule: the caller needs one of its roles.</summary>
    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var rule in AccessRule.All.Where(r => r != AccessRule.Public))
        {
            authorization.AddPolicy(rule.Policy, p => p.RequireAuthenticatedUser().RequireRole(rule.Roles));
        }

        return authorization;
    }
}
