namespace CloudBroker.Drivers;

/// <summary>Every failure a driver reports, classified by <see cref="Kind"/>.</summary>
public sealed class DriverException : Exception
{
    public DriverException(DriverErrorKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        RetryAfter = retryAfter;
    }

    public DriverException()
        : this(DriverErrorKind.Unavailable, "driver failure")
    {
    }

    public DriverException(string message)
        : this(DriverErrorKind.Unavailable, message)
    {
    }

    public DriverException(string message, Exception innerException)
        : this(DriverErrorKind.Unavailable, message, null, innerException)
    {
    }

    public DriverErrorKind Kind { get; }

    /// <summary>How long the provider asked us to wait, for <see cref="DriverErrorKind.Throttled"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether trying again later may succeed.</summary>
    public bool IsTransient => Kind is DriverErrorKind.Throttled or DriverErrorKind.Unavailable or DriverErrorKind.Timeout;
}
