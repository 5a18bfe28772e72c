using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Accounting.Webhooks;

/// <summary>
/// How a delivery is signed, as Stripe signs its webhooks: the header <c>CloudBroker-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
/// where <c>v1</c> is HMAC-SHA256, keyed with the secret's UTF-8 bytes (the whole <c>whsec_…</c> string), over the
/// UTF-8 bytes of <c>&lt;t&gt;.&lt;body&gt;</c> — the timestamp, a full stop, and the body exactly as sent. A receiver
/// recomputes it, compares in constant time, and refuses a <c>t</c> too far from its clock (a replay).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "CloudBroker-Signature";

    public const string EventHeader = "CloudBroker-Event";

    public const string DeliveryHeader = "CloudBroker-Delivery";

    public static string Sign(ReadOnlySpan<byte> secret, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(timestamp + "." + body));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
