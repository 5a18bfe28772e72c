namespace CloudBroker.Secrets;

/// <summary>A file that must be private is not (<see cref="PrivateFiles"/>): the message names each file and the command that fixes it.</summary>
public sealed class UnsafeFileException : Exception
{
    public UnsafeFileException()
    {
    }

    public UnsafeFileException(string message)
        : base(message)
    {
    }

    public UnsafeFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
