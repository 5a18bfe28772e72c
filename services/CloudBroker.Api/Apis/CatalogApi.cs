using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudBroker.Api.Apis;

/// <summary>Realms, images and hardware profiles of every provider, from the cached catalogs (never a provider call).</summary>
internal static class CatalogApi
{
    private static readonly string[] Query = ["providerId", "limit", "cursor"];

    public static void MapCatalogApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/realms", (ProviderRegistry providers, string? providerId, int? limit, string? cursor) =>
                List(providers, providerId, limit, cursor, p => p.Catalog.Realms.Select(r => (r.Id, r.ToModel(p.Id)))))
            .AllowQuery(Query).Allow(AccessRule.Read).WithTags("Catalog").WithSummary("Realms (locations) of every provider");
        api.MapGet("/images", (ProviderRegistry providers, string? providerId, int? limit, string? cursor) =>
                List(providers, providerId, limit, cursor, p => p.Catalog.Images.Select(i => (i.Id, i.ToModel(p.Id)))))
            .AllowQuery(Query).Allow(AccessRule.Read).WithTags("Catalog").WithSummary("Images of every provider");
        api.MapGet("/hardware-profiles", (ProviderRegistry providers, string? providerId, int? limit, string? cursor) =>
                List(providers, providerId, limit, cursor, p => p.Catalog.HardwareProfiles.Select(h => (h.Id, h.ToModel(p.Id)))))
            .AllowQuery(Query).Allow(AccessRule.Read).WithTags("Catalog").WithSummary("Hardware profiles (fixed, range and enum properties)");
    }

    private static Ok<Page<T>> List<T>(
        ProviderRegistry providers, string? providerId, int? limit, string? cursor, Func<Provider, IEnumerable<(string Id, T Model)>> items)
    {
        var page = PageRequest.From(limit, cursor);
        if (providerId is not null && providers.Find(providerId) is null)
        {
            throw ProblemException.InvalidParameter("providerId", $"names no provider ('{providerId}')",
                new FieldLimit(Values: [.. providers.All.Select(p => p.Id)]));
        }

        // Keyset order: provider id, then item id; the cursor is that pair.
        var fetched = providers.All
            .Where(p => providerId is null || p.Id == providerId)
            .SelectMany(p => items(p).Select(i => (Key: p.Id + "\n" + i.Id, i.Model)))
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .Where(i => page.After is null || string.CompareOrdinal(i.Key, page.After) > 0)
            .Take(page.Limit + 1)
            .ToArray();
        var (cut, next) = page.Cut(fetched, i => i.Key);
        return TypedResults.Ok(new Page<T>(cut.Select(i => i.Model).ToArray(), next));
    }
}
