using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CloudBroker.Secrets;

/// <summary>
/// Seals and opens secrets with AES-256-GCM under the master key (<see cref="SecretsOptions"/>). The current key
/// seals; it and every previous key open. The caller's associated data (the owner's id) is authenticated with
/// the ciphertext, so a sealed value copied to another owner's row does not open there.
/// <see cref="Load"/> runs at startup and refuses unsafe or malformed key files; a missing current key file is
/// made on the first <see cref="Seal"/>, so an installation that stores no secret never needs one.
/// </summary>
public sealed class SecretKeyRing(IOptions<SecretsOptions> options)
{
    private const byte EnvelopeVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lock _lock = new();
    private string? _currentPath;
    private MasterKey? _current;
    private List<MasterKey> _previous = [];

    /// <summary>The id of the key that seals now, or <c>null</c> before its file exists.</summary>
    public string? CurrentKeyId => _current?.Id;

    /// <summary>Reads the configured key files (paths relative to <paramref name="dataDirectory"/>); throws <see cref="SecretKeyException"/>.</summary>
    public void Load(string dataDirectory)
    {
        var settings = options.Value;
        var currentPath = Path.GetFullPath(settings.KeyFile ?? SecretsOptions.DefaultKeyFileName, dataDirectory);
        var current = File.Exists(currentPath) ? MasterKeyFile.Read(currentPath) : null;
        var previous = settings.PreviousKeyFiles
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => Path.GetFullPath(p, dataDirectory))
            .Select(p => File.Exists(p) ? MasterKeyFile.Read(p)
                : throw new SecretKeyException($"the previous master key file {p} (CloudBroker:Secrets:PreviousKeyFiles) does not exist"))
            .ToList();
        lock (_lock)
        {
            _currentPath = currentPath;
            _current = current;
            _previous = previous;
        }
    }

    /// <summary>Whether <paramref name="keyId"/> is the key that seals now (anything else is re-sealed on rotation).</summary>
    public bool IsCurrent(string keyId) => _current?.Id == keyId;

    public SealedSecret Seal(ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var key = CurrentOrCreate();
        var envelope = new byte[1 + NonceSize + TagSize + plaintext.Length];
        envelope[0] = EnvelopeVersion;
        var nonce = envelope.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var cipher = key.Cipher();
        cipher.Encrypt(nonce, plaintext, envelope.AsSpan(1 + NonceSize + TagSize), envelope.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        return new SealedSecret(key.Id, envelope);
    }

    /// <summary>The plaintext; throws <see cref="SecretUnreadableException"/> naming the key id when it cannot be opened.</summary>
    public byte[] Open(SealedSecret secret, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Find(secret.KeyId) ?? FindInNewKeyFile(secret.KeyId) ?? throw new SecretUnreadableException(
            $"they were sealed with master key {secret.KeyId}, which this process does not have " +
            $"(current key: {_current?.Id ?? "none yet"}{PreviousIds()}); put that key's file in CloudBroker:Secrets:KeyFile or PreviousKeyFiles");
        var envelope = secret.Envelope;
        if (envelope.Length < 1 + NonceSize + TagSize || envelope[0] != EnvelopeVersion)
        {
            throw new SecretUnreadableException($"their envelope (master key {secret.KeyId}) is not in a format this version reads");
        }

        var plaintext = new byte[envelope.Length - 1 - NonceSize - TagSize];
        try
        {
            using var cipher = key.Cipher();
            cipher.Decrypt(envelope.AsSpan(1, NonceSize), envelope.AsSpan(1 + NonceSize + TagSize), envelope.AsSpan(1 + NonceSize, TagSize), plaintext,
                Encoding.UTF8.GetBytes(associatedData));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SecretUnreadableException($"master key {secret.KeyId} does not open them: they were altered or copied from another owner", ex);
        }
    }

    private MasterKey? Find(string keyId) => _current?.Id == keyId ? _current : _previous.FirstOrDefault(k => k.Id == keyId);

    /// <summary>
    /// The current key file may have been made by another process on the same folder after this one loaded
    /// (the first seal makes it): read it then, once.
    /// </summary>
    private MasterKey? FindInNewKeyFile(string keyId)
    {
        lock (_lock)
        {
            if (_current is null && _currentPath is not null && File.Exists(_currentPath))
            {
                try
                {
                    _current = MasterKeyFile.Read(_currentPath);
                }
                catch (SecretKeyException ex)
                {
                    throw new SecretUnreadableException(ex.Message, ex);
                }
            }

            return _current?.Id == keyId ? _current : null;
        }
    }

    private string PreviousIds() => _previous.Count == 0 ? "" : "; previous: " + string.Join(", ", _previous.Select(k => k.Id));

    private MasterKey CurrentOrCreate()
    {
        lock (_lock)
        {
            return _current ??= MasterKeyFile.CreateOrRead(_currentPath ?? throw new InvalidOperationException("the key ring is used before Load"));
        }
    }
}
