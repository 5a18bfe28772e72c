using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudBroker.Accounting.Rating;

namespace CloudBroker.Accounting.Showback;

/// <summary>Sums charges into <see cref="CostRollup"/> rows: one per day and attributes, and one per tag the charges carry.</summary>
internal static class CostRollups
{
    public static List<CostRollup> Of(IEnumerable<Charge> charges)
    {
        var rows = new Dictionary<string, CostRollup>(StringComparer.Ordinal);
        foreach (var charge in charges)
        {
            Add(charge, "", "");
            foreach (var (key, value) in TagsOf(charge.Tags))
            {
                Add(charge, key, value);
            }
        }

        return [.. rows.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

        void Add(Charge charge, string tagKey, string tagValue)
        {
            var realm = charge.RealmId ?? "";
            var id = IdOf(charge.TenantId, charge.BillingPeriod, charge.ChargeClass is not null, charge.Day, charge.GroupId, charge.OwnerId, charge.ProviderId, realm, tagKey, tagValue);
            if (!rows.TryGetValue(id, out var row))
            {
                rows[id] = row = new CostRollup
                {
                    Id = id,
                    TenantId = charge.TenantId,
                    BillingPeriod = charge.BillingPeriod,
                    IsCorrection = charge.ChargeClass is not null,
                    Day = charge.Day,
                    GroupId = charge.GroupId,
                    OwnerId = charge.OwnerId,
                    ProviderId = charge.ProviderId,
                    RealmId = realm,
                    TagKey = tagKey,
                    TagValue = tagValue,
                };
            }

            row.ListCost += charge.ListAmount;
            row.BilledCost += charge.BilledAmount;
            row.Quantity += charge.Quantity;
        }
    }

    /// <summary>The tags of a charge: a JSON object of strings, as metering writes it.</summary>
    public static IEnumerable<(string Key, string Value)> TagsOf(string tags)
    {
        using var document = JsonDocument.Parse(tags);
        return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString() ?? ""))];
    }

    private static string IdOf(params object[] key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', key.Select(k => k switch
        {
            DateTime at => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool flag => flag ? "correction" : "regular",
            _ => k.ToString(),
        })))).AsSpan(0, 16));
}
