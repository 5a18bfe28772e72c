using CloudBroker.Contracts;
using CloudBroker.Drivers;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Persistence.Ownership;
using CloudBroker.Problems;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Keys;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Quotas.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Instances;

/// <summary>
/// Accepts create and action requests: validates them against the provider's capabilities and
/// catalog, then writes the instance, the operation and the outgoing command in one transaction.
/// </summary>
public sealed class InstanceRequests(
    BrokerDbContext db, ProviderRegistry providers, QuotaLedger quotas, IEnumerable<ICreateAdmission> admissions, IEnumerable<IPlacement> placement,
    TimeProvider time, IOptions<ProvisioningOptions> options)
{
    public const int MaxUserDataBytes = 16 * 1024;

    /// <summary>
    /// Accepts a create in the caller's tenant, owned by it and charged to <paramref name="groupId"/>, one of the owner's
    /// groups (stored memberships, or with <paramref name="membershipFromToken"/> those the caller's token asserts: see
    /// <see cref="GroupCharges"/>); the key must be one of the tenant's the caller may read.
    /// </summary>
    public async Task<(Instance Instance, Operation Operation)> CreateAsync(
        CreateInstanceInput input, OwnedRows caller, string tenantId, string ownerId, string groupId, bool membershipFromToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ResourceName.Check(input.Name, "/name");
        if (!input.ByPlacement || placement.FirstOrDefault() is not { } placer)
        {
            return await AcceptAsync(input, null, caller, tenantId, ownerId, groupId, membershipFromToken, cancellationToken);
        }

        Unused(input.ImageId, "/imageId");
        Unused(input.HardwareProfileId, "/hardwareProfileId");
        var ask = new PlacementAsk(tenantId, groupId, ownerId, Required(input.Size, "/size"), Required(input.ImageFamily, "/imageFamily"),
            input.PoolId, input.RealmId, input.PlacementPolicy, input.AntiAffinityGroup, input.AntiAffinityRequired, NeededCapabilities(input));
        var choices = await placer.PlaceAsync(db, ask, cancellationToken);

        // The decision read the inventory without locking it; the claim at the save is exact. A realm taken meanwhile by
        // another create refuses the whole acceptance, which is tried again on the next provider (a bounded number of times).
        var retry = db.Database.CurrentTransaction is null;
        for (var n = 0; ; n++)
        {
            var choice = choices[n];
            try
            {
                return await AcceptAsync(
                    input with
                    {
                        ProviderId = choice.ProviderId, ImageId = choice.ImageId, HardwareProfileId = choice.HardwareProfileId, RealmId = choice.RealmId,
                        Cpu = choice.Cpu, MemoryMiB = choice.MemoryMiB, StorageGiB = choice.StorageGiB,
                        Size = null, ImageFamily = null, PoolId = null, PlacementPolicy = null, AntiAffinityGroup = null,
                    },
                    choice, caller, tenantId, ownerId, groupId, membershipFromToken, cancellationToken);
            }
            catch (ProblemException refused) when (retry && refused.Type == ProblemTypes.CapacityExhausted && n + 1 < choices.Count)
            {
                db.ChangeTracker.Clear(); // the refused acceptance rolled back: start the next from nothing
            }
        }
    }

    private async Task<(Instance Instance, Operation Operation)> AcceptAsync(
        CreateInstanceInput input, PlacementChoice? placed, OwnedRows caller, string tenantId, string ownerId, string groupId, bool membershipFromToken,
        CancellationToken cancellationToken)
    {
        foreach (var (value, pointer) in new[] { (input.Size, "/size"), (input.ImageFamily, "/imageFamily"), (input.PoolId, "/pool"), (input.PlacementPolicy, "/placementPolicy"), (input.AntiAffinityGroup, "/antiAffinity") })
        {
            Unused(value, pointer);
        }

        var provider = providers.GetAvailable(Required(input.ProviderId, "/providerId"), "/providerId");
        var catalog = provider.Catalog;
        var capabilities = provider.Capabilities;

        RequireCapability(input.RealmId is not null, Capability.RealmChoice, capabilities, "choosing a realm");
        RequireCapability(input.KeyId is not null, Capability.SshKey, capabilities, "an SSH key");
        RequireCapability(input.UserData is not null, Capability.UserData, capabilities, "user data");

        var image = catalog.Images.FirstOrDefault(i => i.Id == Required(input.ImageId, "/imageId"))
            ?? throw ProblemException.Invalid("/imageId", $"provider '{provider.Id}' has no image '{input.ImageId}'", IdsLimit(catalog.Images.Select(i => i.Id)));
        var profile = catalog.HardwareProfiles.FirstOrDefault(p => p.Id == Required(input.HardwareProfileId, "/hardwareProfileId"))
            ?? throw ProblemException.Invalid("/hardwareProfileId", $"provider '{provider.Id}' has no hardware profile '{input.HardwareProfileId}'", IdsLimit(catalog.HardwareProfiles.Select(p => p.Id)));
        if (input.RealmId is not null && !catalog.Realms.Any(r => r.Id == input.RealmId && r.Available))
        {
            throw ProblemException.Invalid("/realmId", $"provider '{provider.Id}' has no available realm '{input.RealmId}'",
                IdsLimit(catalog.Realms.Where(r => r.Available).Select(r => r.Id)));
        }

        var tags = InstanceTags.Merge(InstanceTags.None, input.Tags ?? new Dictionary<string, string?>(), "/tags");
        if (input.UserData is not null && System.Text.Encoding.UTF8.GetByteCount(input.UserData) > MaxUserDataBytes)
        {
            throw ProblemException.Invalid("/userData", $"must be at most {MaxUserDataBytes} bytes", new FieldLimit(MaxLength: MaxUserDataBytes));
        }

        var (cpu, memory, storage) = HardwareProfileSelection.Resolve(profile, input.Cpu, input.MemoryMiB, input.StorageGiB, capabilities);
        if (storage < image.MinStorageGiB)
        {
            // The disk is the size asked (quotas and prices count it): an image that does not fit is refused, not shrunk or silently grown.
            throw ProblemException.Invalid("/storageGiB", $"image '{image.Id}' needs a disk of at least {image.MinStorageGiB} GiB; {storage} GiB was asked",
                new FieldLimit(Min: image.MinStorageGiB));
        }

        if (input.KeyId is not null && !await caller.Readable(db.Set<SshKey>()).AnyAsync(k => k.Id == input.KeyId && k.TenantId == tenantId, cancellationToken))
        {
            throw ProblemException.Invalid("/keyId", $"no key '{input.KeyId}'");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var instance = new Instance
        {
            Id = Guid.CreateVersion7().ToString(),
            Name = input.Name!,
            ProviderId = provider.Id,
            RealmId = input.RealmId,
            ImageId = image.Id,
            HardwareProfileId = profile.Id,
            Cpu = cpu,
            MemoryMiB = memory,
            StorageGiB = storage,
            KeyId = input.KeyId,
            UserData = input.UserData,
            State = InstanceState.Pending,
            Tags = tags,
            TenantId = tenantId,
            OwnerId = ownerId,
            GroupId = groupId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(instance);
        var operation = Accept(OperationKind.Create, instance, now, provider.BuildTimeout);
        db.RecordInstance(instance, null, "action:create", now, operation.Id);

        // Checked and counted when this save commits (403 quota-exceeded rolls the whole create back).
        quotas.ReserveCreate(OwnerOf(instance), operation.Id, profile.Id, cpu, memory, storage, operation.Deadline);

        // The group charged is checked in the transaction that writes the machine, not in the caller's cached claims:
        // deleted, or the owner removed from it, by another request or process a moment ago, it is refused.
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (!await GroupCharges.HoldAsync(db, tenantId, groupId, ownerId, membershipFromToken, cancellationToken))
        {
            throw ProblemException.Invalid("/groupId", $"group '{groupId}' no longer exists, or you are no longer one of its members");
        }

        foreach (var admission in admissions)
        {
            await admission.AdmitAsync(db, provider, instance, placed, cancellationToken); // pools: 403 pool-not-allowed; 409 capacity-exhausted at the save
        }

        await db.SaveChangesAsync(cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }

        return (instance, operation);
    }

    /// <summary>Accepts an action on an instance the caller may act on (<see cref="OwnedRows"/>), or refuses it with the actions allowed now.</summary>
    public async Task<(Instance Instance, Operation Operation)> ActAsync(string instanceId, InstanceAction action, OwnedRows caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var instance = await caller.FindForActionAsync(db.Set<Instance>(), instanceId, "instance", cancellationToken);
        var provider = providers.Find(instance.ProviderId);
        var capabilities = provider?.Capabilities ?? new HashSet<string>();
        if (InstanceStateMachine.RequiredCapability(action) is { } needed && !capabilities.Contains(needed))
        {
            throw ProblemException.UnsupportedCapability(needed, $"provider '{instance.ProviderId}' does not support {action.ToString().ToLowerInvariant()}");
        }

        var allowed = InstanceStateMachine.AllowedActions(instance.State, capabilities);
        if (!allowed.Contains(action))
        {
            throw new ProblemException(ProblemTypes.ActionNotAllowed,
                $"an instance that is {instance.State.ToString().ToLowerInvariant()} cannot {action.ToString().ToLowerInvariant()}",
                extensions: new Dictionary<string, object?> { ["allowedActions"] = allowed.Select(a => a.ToString().ToLowerInvariant()).ToArray() });
        }

        if (provider is null)
        {
            throw new ProblemException(ProblemTypes.ProviderUnavailable, $"provider '{instance.ProviderId}' is unavailable: it is no longer configured");
        }

        if (provider.Status == ProviderStatus.Unavailable)
        {
            throw ProviderRegistry.Unavailable(provider);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var operation = Accept(Enum.Parse<OperationKind>(action.ToString()), instance, now, options.Value.ActionTimeout);
        db.MoveTo(instance, InstanceStateMachine.TargetOf(instance.State, action), "action:" + action.ToString().ToLowerInvariant(), now, operation.Id);
        if (action == InstanceAction.Start)
        {
            quotas.ReserveStart(OwnerOf(instance), operation.Id, operation.Deadline); // only growth is checked: stop, reboot, destroy never are
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ProblemException(ProblemTypes.Conflict, "the instance changed while the request was handled; read it again and retry");
        }

        return (instance, operation);
    }

    /// <summary>
    /// Changes the tags of an instance the caller may act on, by JSON merge patch (<see cref="InstanceTags.Merge"/>):
    /// <paramref name="precondition"/> sees the version first (the API's If-Match). The change is recorded in the
    /// instance's history, where metering splits the usage intervals at its time; a writer in between makes it a conflict.
    /// </summary>
    public async Task<Instance> RetagAsync(string instanceId, IReadOnlyDictionary<string, string?> patch, Action<int> precondition, OwnedRows caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(precondition);
        var instance = await caller.FindForActionAsync(db.Set<Instance>(), instanceId, "instance", cancellationToken);
        precondition(instance.Version);
        var tags = InstanceTags.Merge(instance.Tags, patch, "/tags");
        if (tags.SequenceEqual(instance.Tags))
        {
            return instance; // nothing changes: no history row, the same ETag
        }

        var now = time.GetUtcNow().UtcDateTime;
        instance.Tags = tags;
        instance.UpdatedAt = now;
        instance.Version++;
        db.RecordTags(instance, now);
        await db.SaveChangesAsync(cancellationToken);
        return instance;
    }

    private Operation Accept(OperationKind kind, Instance instance, DateTime now, TimeSpan timeout)
    {
        var operation = new Operation
        {
            Id = Guid.CreateVersion7().ToString(),
            Kind = kind,
            Status = OperationStatus.Pending,
            TargetId = instance.Id,
            TenantId = instance.TenantId,
            OwnerId = instance.OwnerId,
            GroupId = instance.GroupId,
            CreatedAt = now,
            UpdatedAt = now,
            Deadline = now + timeout,
            LeaseUntil = now + options.Value.LeaseLength,
        };
        operation.Record("accepted", "succeeded", now);
        db.Add(operation);
        db.RecordAccepted(operation, now);
        db.Enqueue(new ExecuteOperation(operation.Id, 1), now);
        return operation;
    }

    private static ReservationOwner OwnerOf(Instance instance) =>
        new(instance.Id, instance.TenantId, instance.GroupId, instance.OwnerId, instance.ProviderId);

    private static string Required(string? value, string pointer) =>
        string.IsNullOrEmpty(value) ? throw ProblemException.Invalid(pointer, "is required") : value;

    private static void Unused(string? value, string pointer)
    {
        if (value is not null)
        {
            throw ProblemException.Invalid(pointer, pointer is not ("/imageId" or "/hardwareProfileId")
                ? "is for an order placed by the broker (with size and imageFamily, and no providerId)"
                : "is not used when ordering by size and image family: the broker chooses the provider's image and profile");
        }
    }

    /// <summary>What the order uses that a provider must declare to take it.</summary>
    private static List<string> NeededCapabilities(CreateInstanceInput input)
    {
        var needed = new List<string>();
        if (input.KeyId is not null)
        {
            needed.Add(Capability.SshKey);
        }

        if (input.UserData is not null)
        {
            needed.Add(Capability.UserData);
        }

        if (input.RealmId is not null)
        {
            needed.Add(Capability.RealmChoice);
        }

        return needed;
    }

    private static FieldLimit IdsLimit(IEnumerable<string> ids) => new(Values: [.. ids.Take(100)]);

    private static void RequireCapability(bool used, string capability, IReadOnlySet<string> capabilities, string what)
    {
        if (used && !capabilities.Contains(capability))
        {
            throw ProblemException.UnsupportedCapability(capability, $"this provider does not support {what}");
        }
    }
}
