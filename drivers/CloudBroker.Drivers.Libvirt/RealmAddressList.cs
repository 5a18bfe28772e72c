using Microsoft.Extensions.Configuration;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Reads the <c>Uris</c> setting: a list whose elements are either a URI (<c>Uris:0=qemu:///system</c>) or a URI
/// with its realm id (<c>Uris:0:Uri</c>, <c>Uris:0:Realm</c>); a single value may also list URIs separated by commas.
/// A provider defined through the API may name only what <see cref="LibvirtApiUris"/> accepts; an ssh URI written
/// without parameters signs in with the provider's <c>SshIdentity</c>.
/// </summary>
internal static class RealmAddressList
{
    public static IReadOnlyList<RealmAddress> Read(
        IConfigurationSection section, List<string> errors, ProviderOrigin origin = ProviderOrigin.Configuration, LibvirtSshIdentity? identity = null)
    {
        var entries = new List<(string? Uri, string? Realm)>();
        if (section.Value is { } list)
        {
            entries.AddRange(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(uri => ((string?)uri, (string?)null)));
        }

        foreach (var child in section.GetChildren())
        {
            entries.Add(child.Value is { } uri ? (uri, null) : (child["Uri"], child["Realm"]));
        }

        if (entries.Count == 0)
        {
            errors.Add("Uris is required: the libvirt URI of each host (e.g. Uris:0=qemu:///system)");
        }

        var addresses = new List<RealmAddress>();
        foreach (var (uri, realm) in entries)
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
            {
                errors.Add($"Uris: '{uri}' is not an absolute URI (e.g. qemu:///system, qemu+ssh://root@kvm1/system, test:///default)");
                continue;
            }

            if (origin == ProviderOrigin.Api && LibvirtApiUris.Judge(uri!).Refusal is { } refusal)
            {
                errors.Add($"Uris: {refusal}");
                continue;
            }

            var host = parsed.Host.Length > 0 ? parsed.Host : "local";
            var id = realm ?? LibvirtNames.Sanitize(host);
            if (!LibvirtNames.IsLabel(id))
            {
                errors.Add($"Uris: realm '{realm}' of {uri} must be an RFC 1123 label (lower-case letters, digits, '-')");
            }
            else if (addresses.Any(a => a.RealmId == id))
            {
                errors.Add($"Uris: two URIs would be realm '{id}'; name them with Uris:<n>:Uri and Uris:<n>:Realm");
            }
            else if (Opened(uri!, parsed, origin, identity, errors) is { } opened)
            {
                addresses.Add(new RealmAddress(id, $"{host} ({parsed.Scheme})", opened, parsed.Host.Length > 0 ? parsed.Host : null));
            }
        }

        return addresses;
    }

    /// <summary>The URI libvirt is given: as written, or for an ssh URI without parameters, the identity's.</summary>
    private static string? Opened(string uri, Uri parsed, ProviderOrigin origin, LibvirtSshIdentity? identity, List<string> errors)
    {
        if (!LibvirtApiUris.SshTransports.Contains(parsed.Scheme, StringComparer.Ordinal) || LibvirtApiUris.Judge(uri).Refusal is not null)
        {
            return uri;
        }

        if (identity is null)
        {
            if (origin == ProviderOrigin.Configuration)
            {
                return uri; // the broker user's own SSH setup, as the operator configured it
            }

            errors.Add($"Uris: '{uri}' needs SshIdentity: a provider defined through the API signs in over SSH only with an identity of configuration");
            return null;
        }

        var (_, user, hostAndPort) = LibvirtApiUris.Parts(uri);
        return identity.Apply(user is null ? "" : user + "@", hostAndPort);
    }
}
