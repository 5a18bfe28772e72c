using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Placement.Sizes;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Quotas;
using CloudBroker.Quotas.Pricing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.Apis;

/// <summary>Broker-level sizes (docs/placement.md): everyone reads them and what they match on each provider; the broker's admins manage them.</summary>
internal static class SizesApi
{
    public static void MapSizesApi(this IEndpointRouteBuilder api)
    {
        var sizes = api.MapGroup("/sizes").WithTags("Sizes");
        sizes.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("limit", "cursor").WithSummary("Sizes to order by");
        sizes.MapGet("/{id}", Get).Allow(AccessRule.Read).AllowQuery().WithSummary("One size").ProducesProblem(404);
        sizes.MapGet("/{id}/matches", Matches).Allow(AccessRule.Read).AllowQuery()
            .WithSummary("The hardware profile a size maps to on each provider, and its price for you").ProducesProblem(404);
        sizes.MapPost("/", Create).Allow(AccessRule.Admin).AllowQuery().WithSummary("Create a size").ProducesProblem(400).ProducesProblem(409);
        sizes.MapPut("/{id}", Update).Allow(AccessRule.Admin).AllowQuery().WithSummary("Replace a size (If-Match)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        sizes.MapDelete("/{id}", Delete).Allow(AccessRule.Admin).AllowQuery().WithSummary("Delete a size").ProducesProblem(404);
    }

    private static async Task<Ok<Page<SizeModel>>> List(BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var query = db.Set<Size>().AsNoTracking();
        if (page.After is not null)
        {
            query = query.Where(s => string.Compare(s.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(s => s.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, s => s.Id);
        return TypedResults.Ok(new Page<SizeModel>([.. items.Select(ToModel)], next));
    }

    private static async Task<Ok<SizeModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var size = await FindAsync(db.Set<Size>().AsNoTracking(), id, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(size.Version);
        return TypedResults.Ok(ToModel(size));
    }

    /// <summary>Per provider, the best-fitting profile of its cached catalog (<see cref="SizeMatching"/>), priced for the caller's tenant now.</summary>
    private static async Task<Ok<IReadOnlyList<SizeMatchModel>>> Matches(
        string id, HttpContext http, BrokerDbContext db, ProviderRegistry providers, IHourlyPrices prices, IOptions<QuotaOptions> quotas, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var size = await FindAsync(db.Set<Size>().AsNoTracking(), id, cancellationToken);
        var tenantId = Caller.From(http.User).TenantId;
        var now = time.GetUtcNow().UtcDateTime;
        var currency = quotas.Value.Currency;
        IReadOnlyList<SizeMatchModel> matches = [.. providers.All.Select(provider =>
        {
            var match = SizeMatching.Best(size.Cpu, size.MemoryMiB, size.StorageGiB, provider.Catalog.HardwareProfiles,
                (profile, cpu, memory, storage) => prices.HourlyPrice(tenantId, provider.Id, profile.Id, cpu, memory, storage, now));
            return match is null
                ? new SizeMatchModel(provider.Id, null, null, null, null, null, currency)
                : new SizeMatchModel(provider.Id, match.Profile.Id, match.Cpu, match.MemoryMiB, match.StorageGiB, WireMapping.Decimal(match.HourlyPrice), currency);
        })];
        return TypedResults.Ok(matches);
    }

    private static async Task<Created<SizeModel>> Create([FromBody] SizeRequest body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        Check(body);
        await UniqueAsync(db, body.Name!, null, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var size = new Size { Id = Guid.CreateVersion7().ToString(), Name = body.Name!, CreatedAt = now };
        Apply(body, size, now);
        db.Add(size);
        await SaveAsync(db, size.Name, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(size.Version);
        return TypedResults.Created("/api/sizes/" + size.Id, ToModel(size));
    }

    private static async Task<Ok<SizeModel>> Update(string id, [FromBody] SizeRequest body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var size = await FindAsync(db.Set<Size>(), id, cancellationToken);
        IfMatch.Require(http, size.Version);
        Check(body);
        await UniqueAsync(db, body.Name!, size.Id, cancellationToken);
        Apply(body, size, time.GetUtcNow().UtcDateTime);
        size.Version++;
        await SaveAsync(db, size.Name, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(size.Version);
        return TypedResults.Ok(ToModel(size));
    }

    private static async Task<NoContent> Delete(string id, BrokerDbContext db, CancellationToken cancellationToken)
    {
        db.Remove(await FindAsync(db.Set<Size>(), id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Check(SizeRequest body)
    {
        ResourceName.Check(body.Name, "/name");
        _ = body.Cpu ?? throw ProblemException.Invalid("/cpu", "is required");
        _ = body.MemoryMiB ?? throw ProblemException.Invalid("/memoryMiB", "is required");
        _ = body.StorageGiB ?? throw ProblemException.Invalid("/storageGiB", "is required");
    }

    private static void Apply(SizeRequest body, Size size, DateTime now)
    {
        size.Name = body.Name!;
        size.Description = body.Description;
        size.Cpu = (int)body.Cpu!.Value; // within the request's declared limits
        size.MemoryMiB = (int)body.MemoryMiB!.Value;
        size.StorageGiB = (int)body.StorageGiB!.Value;
        size.UpdatedAt = now;
    }

    private static async Task UniqueAsync(BrokerDbContext db, string name, string? self, CancellationToken cancellationToken)
    {
        if (await db.Set<Size>().AnyAsync(s => s.Name == name && s.Id != self, cancellationToken))
        {
            throw new ProblemException(ProblemTypes.Conflict, $"a size named '{name}' exists");
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
            throw new ProblemException(ProblemTypes.Conflict, $"a size named '{name}' exists"); // named by another request a moment ago
        }
    }

    private static async Task<Size> FindAsync(IQueryable<Size> sizes, string id, CancellationToken cancellationToken) =>
        await sizes.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw ProblemException.NotFound($"size '{id}'");

    private static SizeModel ToModel(Size s) => new(s.Id, s.Name, s.Description, s.Cpu, s.MemoryMiB, s.StorageGiB, s.CreatedAt, s.UpdatedAt);
}
