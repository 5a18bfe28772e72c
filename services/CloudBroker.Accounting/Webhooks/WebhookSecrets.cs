using System.Security.Cryptography;
using System.Text;
using CloudBroker.Secrets;

namespace CloudBroker.Accounting.Webhooks;

/// <summary>
/// A webhook's signing secret: made here (<c>whsec_</c> and 32 random bytes, base64url), sealed under the current
/// master key with the webhook's id as associated data (a sealed value copied to another row does not open), opened
/// only by the sender.
/// </summary>
public sealed class WebhookSecrets(SecretKeyRing keys)
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public void Seal(Webhook webhook, string secret)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var sealedSecret = keys.Seal(Encoding.UTF8.GetBytes(secret), AssociatedData(webhook.Id));
        webhook.Secret = sealedSecret.Envelope;
        webhook.SecretKeyId = sealedSecret.KeyId;
    }

    /// <summary>The secret's bytes, the HMAC key (the caller clears them); throws <see cref="SecretUnreadableException"/>.</summary>
    public byte[] Open(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return keys.Open(new SealedSecret(webhook.SecretKeyId, webhook.Secret), AssociatedData(webhook.Id));
    }

    private static string AssociatedData(string webhookId) => "cloudbroker/webhooks/" + webhookId;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
