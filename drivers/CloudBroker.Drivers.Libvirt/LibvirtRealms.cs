using CloudBroker.Drivers.Libvirt.Interop;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>The provider's hosts, one connection and one realm each, and how an instance is found among them.</summary>
internal sealed class LibvirtRealms(IReadOnlyList<LibvirtConnection> all, ILogger logger) : IDisposable
{
    public IReadOnlyList<LibvirtConnection> All => all;

    public LibvirtConnection? Find(string realmId) => all.FirstOrDefault(r => r.RealmId == realmId);

    /// <summary>Whether the realm's connection can be had now.</summary>
    public bool Answers(LibvirtConnection realm)
    {
        try
        {
            realm.Acquire();
            return true;
        }
        catch (DriverException ex)
        {
            LibvirtLog.RealmUnanswered(logger, realm.RealmId, ex);
            return false;
        }
    }

    /// <summary>The named realm, or (none named) the first that answers: where a new instance goes.</summary>
    public LibvirtConnection ForCreate(string? realmId)
    {
        if (realmId is not null)
        {
            return Find(realmId) ?? throw new DriverException(DriverErrorKind.InvalidRequest, $"unknown realm '{realmId}'");
        }

        return all.FirstOrDefault(Answers)
            ?? throw new DriverException(DriverErrorKind.Unavailable, "no libvirt realm of this provider answers");
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the domain whose UUID is <paramref name="uuid"/>, in whichever realm has it.
    /// Returns false when none has it. When it is in no realm that answered but some realm did not answer, that is
    /// <see cref="DriverErrorKind.Unavailable"/> (we cannot tell it is gone) unless <paramref name="answeringOnly"/>.
    /// </summary>
    public bool WithDomain(Guid uuid, Action<LocatedDomain> action, bool answeringOnly = false)
    {
        DriverException? unanswered = null;
        foreach (var realm in all)
        {
            DomainHandle? found;
            try
            {
                found = realm.Run(connection => Connections.TryLookupDomain(connection, uuid));
            }
            catch (DriverException ex) when (ex.IsTransient)
            {
                unanswered ??= ex;
                continue;
            }

            if (found is null)
            {
                continue;
            }

            using (found)
            {
                realm.Run(connection => action(new LocatedDomain(realm, connection, found)));
            }

            return true;
        }

        return unanswered is null || answeringOnly
            ? false
            : throw new DriverException(
                DriverErrorKind.Unavailable, $"instance {uuid} is in no realm that answered, and one did not: {unanswered.Message}", inner: unanswered);
    }

    public void Dispose()
    {
        foreach (var realm in all)
        {
            realm.Dispose();
        }
    }
}
