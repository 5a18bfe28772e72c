using System.Text.Json;
using CloudBroker.Secrets;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Seals and opens a stored provider's credentials: one JSON object of strings, sealed under the current master
/// key with the provider's id as associated data (a sealed value copied to another provider's row does not open).
/// </summary>
public sealed class ProviderCredentials(SecretKeyRing keys)
{
    /// <summary>Replaces the credentials; an empty set clears them.</summary>
    public void Set(ProviderRecord record, IReadOnlyDictionary<string, string> values, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(values);
        record.CredentialsUpdatedAt = now;
        if (values.Count == 0)
        {
            record.Credentials = null;
            record.CredentialsKeyId = null;
            record.CredentialNames = null;
            return;
        }

        var sealedSecret = keys.Seal(JsonSerializer.SerializeToUtf8Bytes(values), AssociatedData(record.Id));
        record.Credentials = sealedSecret.Envelope;
        record.CredentialsKeyId = sealedSecret.KeyId;
        record.CredentialNames = JsonSerializer.Serialize(values.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The credentials in clear (empty when none are set); throws <see cref="SecretUnreadableException"/>.</summary>
    public IReadOnlyDictionary<string, string> Open(ProviderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Credentials is null || record.CredentialsKeyId is null)
        {
            return new Dictionary<string, string>();
        }

        var plaintext = keys.Open(new SealedSecret(record.CredentialsKeyId, record.Credentials), AssociatedData(record.Id));
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(plaintext) ?? [];
        }
        finally
        {
            Array.Clear(plaintext);
        }
    }

    /// <summary>Whether the credentials are sealed under an older key and should be sealed again under the current one.</summary>
    public bool NeedsResealing(ProviderRecord record) =>
        record.CredentialsKeyId is { } keyId && keys.CurrentKeyId is not null && !keys.IsCurrent(keyId);

    /// <summary>Seals the same credentials again under the current key (rotation); throws <see cref="SecretUnreadableException"/>.</summary>
    public void Reseal(ProviderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var values = Open(record);
        var sealedSecret = keys.Seal(JsonSerializer.SerializeToUtf8Bytes(values), AssociatedData(record.Id));
        record.Credentials = sealedSecret.Envelope;
        record.CredentialsKeyId = sealedSecret.KeyId;
    }

    /// <summary>The names of the credential fields that are set (never their values).</summary>
    public static IReadOnlyList<string> Names(ProviderRecord record) =>
        record.CredentialNames is null ? [] : JsonSerializer.Deserialize<string[]>(record.CredentialNames) ?? [];

    private static string AssociatedData(string providerId) => "cloudbroker/providers/" + providerId;
}
