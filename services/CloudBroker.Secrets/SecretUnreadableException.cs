namespace CloudBroker.Secrets;

/// <summary>
/// A sealed secret this process cannot open: its key is not among the configured ones, or the envelope was
/// altered or moved to another owner (the associated data differs). The message names the key id, never content.
/// </summary>
public sealed class SecretUnreadableException : Exception
{
    public SecretUnreadableException()
    {
    }

    public SecretUnreadableException(string message)
        : base(message)
    {
    }

    public SecretUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
