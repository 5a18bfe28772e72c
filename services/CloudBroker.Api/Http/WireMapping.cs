using System.Text.Json;
using CloudBroker.Api.Models;
using CloudBroker.Drivers;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Keys;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Api.Http;

/// <summary>Turns domain objects into the wire contract's shapes (lower-case state words, camelCase members).</summary>
internal static class WireMapping
{
    public static string Wire<TEnum>(this TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The entry point's view, which anyone may read: status and its category, no reason, no settings, no credential metadata.</summary>
    public static ProviderSummaryModel ToSummary(this Provider provider) => new(
        provider.Id,
        provider.DriverName,
        provider.Status.Wire(),
        provider.StatusCategory?.Slug,
        provider.Capabilities.Order(StringComparer.Ordinal).ToArray(),
        provider.Catalog == ProviderCatalog.Empty ? null : provider.Catalog.RefreshedAt);

    /// <summary>
    /// The provider as <paramref name="admin"/> or another role sees it: the reason it is unavailable, its settings
    /// and which credential fields are set are for admins only (the one provider-status rule, docs/security.md).
    /// </summary>
    public static ProviderModel ToModel(this Provider provider, bool admin) => new(
        provider.Id,
        provider.DriverName,
        provider.Origin.Wire(),
        provider.Stored?.Enabled ?? true,
        provider.Status.Wire(),
        provider.StatusCategory?.Slug,
        admin ? provider.UnavailableReason : null,
        provider.Capabilities.Order(StringComparer.Ordinal).ToArray(),
        provider.Catalog == ProviderCatalog.Empty ? null : provider.Catalog.RefreshedAt,
        admin && provider.Stored is { } stored ? ProviderSettings.Parse(stored.Settings) : null,
        admin && provider.Stored is { } record ? new ProviderCredentialsModel(
            record.Credentials is not null, ProviderCredentials.Names(record), record.CredentialsKeyId, record.CredentialsUpdatedAt) : null,
        provider.Stored?.Version,
        provider.Stored?.CreatedAt,
        provider.Stored?.UpdatedAt);

    public static RealmModel ToModel(this Realm realm, string providerId) => new(realm.Id, providerId, realm.Name, realm.Available);

    public static ImageModel ToModel(this Image image, string providerId) =>
        new(image.Id, providerId, image.Name, image.Description, image.Architecture, image.MinStorageGiB);

    public static HardwareProfileModel ToModel(this HardwareProfile profile, string providerId) => new(
        profile.Id,
        providerId,
        profile.Name,
        new Dictionary<string, ProfilePropertyModel>
        {
            ["cpu"] = profile.Cpu.ToModel(),
            ["memoryMiB"] = profile.MemoryMiB.ToModel(),
            ["storageGiB"] = profile.StorageGiB.ToModel(),
            ["architecture"] = new("fixed", JsonSerializer.SerializeToElement(profile.Architecture, BrokerJsonContext.Default.String)),
        });

    private static ProfilePropertyModel ToModel(this ProfileProperty property) => property.Kind switch
    {
        ProfilePropertyKind.Fixed => new("fixed", JsonSerializer.SerializeToElement(property.Default, BrokerJsonContext.Default.Int64)),
        ProfilePropertyKind.Range => new("range", Min: property.Min, Max: property.Max, Step: property.Step, Default: property.Default),
        _ => new("enum", Values: property.Values, Default: property.Default),
    };

    public static InstanceModel ToModel(this Instance instance, ProviderRegistry providers) => new(
        instance.Id,
        instance.Name,
        instance.ProviderId,
        instance.RealmId,
        instance.ImageId,
        instance.HardwareProfileId,
        instance.Cpu,
        instance.MemoryMiB,
        instance.StorageGiB,
        instance.State.Wire(),
        InstanceStateMachine.AllowedActions(instance.State, providers.Find(instance.ProviderId)?.Capabilities ?? new HashSet<string>())
            .Select(a => a.Wire()).ToArray(),
        instance.Addresses,
        instance.KeyId,
        instance.TenantId,
        instance.OwnerId,
        instance.GroupId,
        instance.CreatedAt,
        instance.UpdatedAt,
        instance.VanishedAt,
        instance.Tags);

    public static OperationModel ToModel(this Operation operation) => new(
        operation.Id,
        operation.Kind.Wire(),
        operation.Status.Wire(),
        operation.TargetId,
        operation.Steps.Select(s => new OperationStepModel(s.Name, s.Status, s.At, s.Detail)).ToArray(),
        operation.Error is { } e ? new OperationErrorModel(e.Type, e.Title, e.Status, e.Detail) : null,
        operation.Attempts,
        operation.Deadline,
        operation.CreatedAt,
        operation.UpdatedAt);

    public static KeyModel ToModel(this SshKey key) =>
        new(key.Id, key.Name, key.PublicKey, key.Fingerprint, key.TenantId, key.OwnerId, key.GroupId, key.CreatedAt);

    /// <summary>A decimal at full precision without the trailing zeros a column's scale adds (<c>0.0125</c>, not <c>0.012500000000</c>).</summary>
    public static string Decimal(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A strong ETag from a row's concurrency version.</summary>
    public static string ETag(int version) => $"\"{version}\"";
}
