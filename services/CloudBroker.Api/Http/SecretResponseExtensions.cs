namespace CloudBroker.Api.Http;

/// <summary>Declares an endpoint whose answer carries a secret (<see cref="SecretResponse"/>).</summary>
internal static class SecretResponseExtensions
{
    public static TBuilder ReturnsSecret<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(SecretResponse.Instance);
        return builder.AddEndpointFilter((invocation, next) =>
        {
            invocation.HttpContext.Response.Headers.CacheControl = "no-store"; // no cache or proxy keeps the secret either
            return next(invocation);
        });
    }
}
