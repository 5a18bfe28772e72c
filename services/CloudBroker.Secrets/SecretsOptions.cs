namespace CloudBroker.Secrets;

/// <summary>
/// The <c>CloudBroker:Secrets</c> section: where the master key that seals stored credentials lives
/// (<c>KeyFile</c>, default <c>&lt;data folder&gt;/master.key</c>) and the older keys that still open what they
/// sealed (<c>PreviousKeyFiles</c>, during a rotation). Relative paths are taken from the data folder.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "CloudBroker:Secrets";

    public const string DefaultKeyFileName = "master.key";

    public string? KeyFile { get; set; }

    public IList<string> PreviousKeyFiles { get; } = [];
}
