using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Drivers.Ec2;

/// <summary>
/// The account and region a provider's machines live in, as far as the settings tell: the endpoint, the region and the
/// access key (hashed: the key is the provider's, never shown). Two access keys may belong to one account, which the
/// driver cannot tell without calling AWS: the endpoint and region alone are a possible overlap.
/// </summary>
internal static class Ec2Endpoints
{
    public static ProviderEndpoint Of(Ec2Settings settings)
    {
        var endpoint = settings.ServiceUrl is { } url
            ? url.GetLeftPart(UriPartial.Authority) + url.AbsolutePath.TrimEnd('/')
            : $"https://ec2.{settings.Region}.amazonaws.com";
        var place = $"ec2 {endpoint} region {settings.Region}";
        var account = settings.Credentials is { } credentials
            ? "access key sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.AccessKeyId)))[..16]
            : "the default AWS credential chain";
        return new([$"{place}, {account}"], [place]);
    }
}
