using CloudBroker.Problems;
using Microsoft.AspNetCore.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.Http.Limits;

/// <summary>
/// Put on the whole <c>/api</c> group, so no endpoint can skip it: an endpoint that takes a JSON body gets its body
/// checked against the limits its type declares (<see cref="InputLimits"/>) once it is read and before the handler
/// runs; every violation answers <c>400 validation</c> with its pointer and limit. Endpoints without a body pay nothing.
/// </summary>
internal static class InputLimitsFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var index = Array.FindIndex(context.MethodInfo.GetParameters(), IsBody);
        if (index < 0)
        {
            return next;
        }

        return invocation =>
        {
            if (invocation.Arguments[index] is { } body)
            {
                var options = invocation.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                var errors = InputLimits.Check(body, options);
                if (errors.Count > 0)
                {
                    throw new ProblemException(ProblemTypes.Validation,
                        errors.Count == 1 ? $"{errors[0].Pointer} {errors[0].Detail}" : $"{errors.Count} fields are not valid", errors);
                }
            }

            return next(invocation);
        };
    }

    /// <summary>A parameter read from the body: marked so, or of a type that declares limits (minimal APIs infer such a type as the body).</summary>
    private static bool IsBody(ParameterInfo parameter) =>
        parameter.GetCustomAttributes(inherit: false).OfType<IFromBodyMetadata>().Any()
        || parameter.ParameterType.GetProperties().Any(p => p.IsDefined(typeof(TextAttribute)) || p.IsDefined(typeof(WholeNumberAttribute)));
}
