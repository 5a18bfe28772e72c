namespace CloudBroker.Api.Http;

/// <summary>Request limits the API states in its problems and docs.</summary>
public static class RequestLimits
{
    /// <summary>Largest request body accepted (user data is at most 16 KiB of it).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 500;
}
