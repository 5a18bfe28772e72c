namespace CloudBroker.Secrets;

/// <summary>A key file that must not be used: unsafe permissions, a malformed key, or one that cannot be read or made.</summary>
public sealed class SecretKeyException : Exception
{
    public SecretKeyException()
    {
    }

    public SecretKeyException(string message)
        : base(message)
    {
    }

    public SecretKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
