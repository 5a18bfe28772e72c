using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudBroker.Api.Http;

/// <summary>
/// The Content-Security-Policy values. Nothing may frame any answer (<c>frame-ancestors 'none'</c>). An HTML page
/// loads only from its own origin and runs only its own files and the inline scripts it was served with (listed
/// by hash, so an injected one does not run); it connects only to its own origin (Scalar's request proxy and web
/// fonts stay off). Styles may be inline: Scalar's components set them at run time.
/// </summary>
internal static partial class ContentSecurityPolicy
{
    /// <summary>For JSON and everything else that is not a page: nothing loads, nothing frames.</summary>
    public const string Api = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>The policy of an HTML page, allowing exactly the inline scripts of <paramref name="html"/>.</summary>
    public static string ForHtml(string html)
    {
        var hashes = InlineScripts().Matches(html)
            .Where(m => !m.Groups["attributes"].Value.Contains("src=", StringComparison.OrdinalIgnoreCase))
            .Select(m => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'")
            .Distinct(StringComparer.Ordinal);
        return $"default-src 'self'; script-src 'self'{string.Concat(hashes)}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
               "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    [GeneratedRegex(@"<script\b(?<attributes>[^>]*)>(?<body>.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScripts();
}
