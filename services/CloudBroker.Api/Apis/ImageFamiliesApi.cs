using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Placement.ImageFamilies;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>Broker-level image families (docs/placement.md): everyone reads them; the broker's admins map each to a provider's image.</summary>
internal static class ImageFamiliesApi
{
    public static void MapImageFamiliesApi(this IEndpointRouteBuilder api)
    {
        var families = api.MapGroup("/image-families").WithTags("Image families");
        families.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("limit", "cursor").WithSummary("Image families to order by");
        families.MapGet("/{id}", Get).Allow(AccessRule.Read).AllowQuery().WithSummary("One image family").ProducesProblem(404);
        families.MapPost("/", Create).Allow(AccessRule.Admin).AllowQuery().WithSummary("Create an image family").ProducesProblem(400).ProducesProblem(409);
        families.MapPut("/{id}", Update).Allow(AccessRule.Admin).AllowQuery().WithSummary("Replace an image family (If-Match)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        families.MapDelete("/{id}", Delete).Allow(AccessRule.Admin).AllowQuery().WithSummary("Delete an image family").ProducesProblem(404);
    }

    private static async Task<Ok<Page<ImageFamilyModel>>> List(BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var query = db.Set<ImageFamily>().AsNoTracking();
        if (page.After is not null)
        {
            query = query.Where(f => string.Compare(f.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(f => f.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, f => f.Id);
        return TypedResults.Ok(new Page<ImageFamilyModel>([.. items.Select(ToModel)], next));
    }

    private static async Task<Ok<ImageFamilyModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var family = await FindAsync(db.Set<ImageFamily>().AsNoTracking(), id, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(family.Version);
        return TypedResults.Ok(ToModel(family));
    }

    private static async Task<Created<ImageFamilyModel>> Create(
        [FromBody] ImageFamilyRequest body, HttpContext http, BrokerDbContext db, ProviderRegistry providers, TimeProvider time, CancellationToken cancellationToken)
    {
        var images = Check(body, providers);
        await UniqueAsync(db, body.Name!, null, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var family = new ImageFamily { Id = Guid.CreateVersion7().ToString(), Name = body.Name!, Description = body.Description, Images = images, CreatedAt = now, UpdatedAt = now };
        db.Add(family);
        await SaveAsync(db, family.Name, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(family.Version);
        return TypedResults.Created("/api/image-families/" + family.Id, ToModel(family));
    }

    private static async Task<Ok<ImageFamilyModel>> Update(
        string id, [FromBody] ImageFamilyRequest body, HttpContext http, BrokerDbContext db, ProviderRegistry providers, TimeProvider time, CancellationToken cancellationToken)
    {
        var family = await FindAsync(db.Set<ImageFamily>(), id, cancellationToken);
        IfMatch.Require(http, family.Version);
        var images = Check(body, providers);
        await UniqueAsync(db, body.Name!, family.Id, cancellationToken);
        family.Name = body.Name!;
        family.Description = body.Description;
        family.Images = images;
        family.UpdatedAt = time.GetUtcNow().UtcDateTime;
        family.Version++;
        await SaveAsync(db, family.Name, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(family.Version);
        return TypedResults.Ok(ToModel(family));
    }

    private static async Task<NoContent> Delete(string id, BrokerDbContext db, CancellationToken cancellationToken)
    {
        db.Remove(await FindAsync(db.Set<ImageFamily>(), id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Each provider named must exist and its image be in the provider's catalog (the cached one: no provider call).</summary>
    private static Dictionary<string, string> Check(ImageFamilyRequest body, ProviderRegistry providers)
    {
        ResourceName.Check(body.Name, "/name");
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (providerId, imageId) in body.Images ?? new Dictionary<string, string>())
        {
            var provider = providers.Find(providerId)
                ?? throw ProblemException.Invalid($"/images/{providerId}", $"no provider '{providerId}'", new FieldLimit(Values: [.. providers.All.Select(p => p.Id).Take(100)]));
            if (!provider.Catalog.Images.Any(i => i.Id == imageId))
            {
                throw ProblemException.Invalid($"/images/{providerId}", $"provider '{providerId}' has no image '{imageId}'",
                    new FieldLimit(Values: [.. provider.Catalog.Images.Select(i => i.Id).Take(100)]));
            }

            images[providerId] = imageId;
        }

        return images;
    }

    private static async Task UniqueAsync(BrokerDbContext db, string name, string? self, CancellationToken cancellationToken)
    {
        if (await db.Set<ImageFamily>().AnyAsync(f => f.Name == name && f.Id != self, cancellationToken))
        {
            throw new ProblemException(ProblemTypes.Conflict, $"an image family named '{name}' exists");
        }
    }

    private static async Task SaveAsync(BrokerDbContext db, string name, CancellationToken cancellationToken)
    {
        try
        {
            await ConcurrentSave.SaveAsync(db, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            throw new ProblemException(ProblemTypes.Conflict, $"an image family named '{name}' exists");
        }
    }

    private static async Task<ImageFamily> FindAsync(IQueryable<ImageFamily> families, string id, CancellationToken cancellationToken) =>
        await families.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw ProblemException.NotFound($"image family '{id}'");

    private static ImageFamilyModel ToModel(ImageFamily f) => new(f.Id, f.Name, f.Description, f.Images, f.CreatedAt, f.UpdatedAt);
}
