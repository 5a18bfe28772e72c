using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using static CloudBroker.Testing.Ec2.Ec2Xml;

namespace CloudBroker.Testing.Ec2;

/// <summary>ImportKeyPair (material base64 on the wire, as EC2 wants it) and DescribeKeyPairs.</summary>
internal static class KeyPairActions
{
    private static readonly string[] KeyTypes = ["ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"];

    public static IEnumerable<XElement> Import(FakeCloud cloud, Ec2Request request)
    {
        var name = request.Required("KeyName");
        var publicKey = Decode(request.Required("PublicKeyMaterial"));
        lock (cloud.Gate)
        {
            if (cloud.KeyPairs.ContainsKey(name))
            {
                throw new Ec2Fault(400, "InvalidKeyPair.Duplicate", $"The keypair '{name}' already exists.");
            }

            var pair = new Ec2FakeKeyPair(cloud.NextId("key"), name, Fingerprint(publicKey), publicKey);
            cloud.KeyPairs[name] = pair;
            return [Element("keyName", name), Element("keyFingerprint", pair.Fingerprint), Element("keyPairId", pair.Id)];
        }
    }

    public static IEnumerable<XElement> Describe(FakeCloud cloud, Ec2Request request)
    {
        var names = request.List("KeyName");
        lock (cloud.Gate)
        {
            var missing = names.FirstOrDefault(n => !cloud.KeyPairs.ContainsKey(n));
            if (missing is not null)
            {
                throw new Ec2Fault(400, "InvalidKeyPair.NotFound", $"The key pair '{missing}' does not exist");
            }

            var pairs = names.Count > 0 ? names.Distinct().Select(n => cloud.KeyPairs[n]) : cloud.KeyPairs.Values;
            return
            [
                Set("keySet", pairs.Select(p => new[]
                {
                    Element("keyPairId", p.Id),
                    Element("keyName", p.Name),
                    Element("keyFingerprint", p.Fingerprint),
                    Element("keyType", p.PublicKey.StartsWith("ssh-ed25519", StringComparison.Ordinal) ? "ed25519" : "rsa"),
                })),
            ];
        }
    }

    /// <summary>The OpenSSH line from the base64 parameter; anything else is EC2's InvalidKey.Format.</summary>
    private static string Decode(string material)
    {
        try
        {
            var line = Encoding.UTF8.GetString(Convert.FromBase64String(material)).Trim();
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && KeyTypes.Contains(parts[0]) && Convert.FromBase64String(parts[1]).Length > 0)
            {
                return line;
            }
        }
        catch (FormatException)
        {
        }

        throw new Ec2Fault(400, "InvalidKey.Format", "Key is not in valid OpenSSH public key format");
    }

    private static string Fingerprint(string publicKey) =>
        Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(publicKey.Split(' ')[1]))).TrimEnd('=');
}
