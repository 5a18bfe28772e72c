namespace CloudBroker.Persistence;

/// <summary>This installation's id, read from its row at startup and shared by the process.</summary>
public sealed class InstallationIdentity
{
    private string? _id;

    public string Id => _id ?? throw new InvalidOperationException("the installation id is read at startup; it is not known yet");

    public void Set(string id) => _id = id;
}
