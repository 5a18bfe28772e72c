using System.Globalization;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// Price books, the one source of prices (rating and the budget's estimate): admins create books, edit draft versions
/// (If-Match) and publish them; finance reads. A tenant's readers see published versions only, with the general lines
/// and their own tenant's lines and contract; the broker's own readers see everything.
/// </summary>
internal static class PriceBooksApi
{
    public static void MapPriceBooksApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/price-books").WithTags("Price books");
        group.MapGet("/", List).Allow(AccessRule.Finance).AllowQuery("limit", "cursor").WithSummary("Price books and their versions").ProducesProblem(400);
        group.MapPost("/", Create).Allow(AccessRule.Admin).AllowQuery()
            .WithSummary("Create a price book with its first draft version").ProducesProblem(400).ProducesProblem(409);
        group.MapGet("/{id}", Get).Allow(AccessRule.Finance).AllowQuery().WithSummary("One price book and its versions").ProducesProblem(404);
        group.MapPost("/{id}/versions", AddVersion).Allow(AccessRule.Admin).AllowQuery()
            .WithSummary("Add a draft version to a price book").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id}/versions/{version}", GetVersion).Allow(AccessRule.Finance).AllowQuery()
            .WithSummary("One version with its lines and contracts, with its ETag").ProducesProblem(404);
        group.MapPut("/{id}/versions/{version}", EditVersion).Allow(AccessRule.Admin).AllowQuery()
            .WithSummary("Replace a draft version's range, lines and contracts (If-Match; a published version refuses)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id}/versions/{version}/publish", Publish).Allow(AccessRule.Admin).AllowQuery()
            .WithSummary("Publish a draft version (If-Match): from then on it never changes, and it prices from its effectiveFrom")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
    }

    private static async Task<Ok<Page<PriceBookModel>>> List(HttpContext http, BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var query = db.Set<PriceBook>().AsNoTracking();
        if (page.After is not null)
        {
            query = query.Where(b => string.Compare(b.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(b => b.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, b => b.Id);
        var ids = items.Select(b => b.Id).ToList();
        var versions = await db.Set<PriceBookVersion>().AsNoTracking().Where(v => ids.Contains(v.BookId)).ToListAsync(cancellationToken);
        var caller = Caller.From(http.User);
        return TypedResults.Ok(new Page<PriceBookModel>([.. items.Select(b => ToModel(b, versions, caller))], next));
    }

    private static async Task<Ok<PriceBookModel>> Get(string id, HttpContext http, BrokerDbContext db, PriceBooks books, CancellationToken cancellationToken)
    {
        var book = await books.FindBookAsync(id, cancellationToken);
        var versions = await db.Set<PriceBookVersion>().AsNoTracking().Where(v => v.BookId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(ToModel(book, versions, Caller.From(http.User)));
    }

    private static async Task<Created<PriceBookVersionModel>> Create([FromBody] PriceBookRequest body, HttpContext http, PriceBooks books, CancellationToken cancellationToken)
    {
        ResourceName.Check(body.Name, "/name");
        if (body.Currency is null || body.Currency.Length != 3 || !body.Currency.All(char.IsAsciiLetterUpper))
        {
            throw ProblemException.Invalid("/currency", "must be an ISO 4217 code of three capital letters, such as \"USD\"", new FieldLimit(MaxLength: 3, Pattern: "^[A-Z]{3}$"));
        }

        var (book, draft) = await books.CreateAsync(body.Name!, body.Currency, Content(body.EffectiveFrom, body.EffectiveTo, body.Lines, body.Contracts), cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(draft.Version);
        return TypedResults.Created($"/api/price-books/{book.Id}/versions/{draft.Number}", ToModel(book, draft, Caller.From(http.User)));
    }

    private static async Task<Created<PriceBookVersionModel>> AddVersion(
        string id, [FromBody] PriceBookVersionRequest body, HttpContext http, PriceBooks books, CancellationToken cancellationToken)
    {
        var book = await books.FindBookAsync(id, cancellationToken);
        var draft = await books.AddDraftAsync(id, Content(body.EffectiveFrom, body.EffectiveTo, body.Lines, body.Contracts), cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(draft.Version);
        return TypedResults.Created($"/api/price-books/{id}/versions/{draft.Number}", ToModel(book, draft, Caller.From(http.User)));
    }

    private static async Task<Ok<PriceBookVersionModel>> GetVersion(string id, string version, HttpContext http, PriceBooks books, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var book = await books.FindBookAsync(id, cancellationToken);
        var found = await books.FindVersionAsync(id, Number(id, version), tracked: false, cancellationToken);
        if (!found.IsPublished && !caller.ReadsEveryTenant)
        {
            throw ProblemException.NotFound($"version {version} of price book '{id}'");
        }

        http.Response.Headers.ETag = WireMapping.ETag(found.Version);
        return TypedResults.Ok(ToModel(book, found, caller));
    }

    private static async Task<Ok<PriceBookVersionModel>> EditVersion(
        string id, string version, [FromBody] PriceBookVersionRequest body, HttpContext http, PriceBooks books, CancellationToken cancellationToken)
    {
        var book = await books.FindBookAsync(id, cancellationToken);
        var draft = await books.FindVersionAsync(id, Number(id, version), tracked: true, cancellationToken);
        if (!draft.IsPublished)
        {
            IfMatch.Require(http, draft.Version);
        }

        await books.EditAsync(draft, Content(body.EffectiveFrom, body.EffectiveTo, body.Lines, body.Contracts), cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(draft.Version);
        return TypedResults.Ok(ToModel(book, draft, Caller.From(http.User)));
    }

    private static async Task<Ok<PriceBookVersionModel>> Publish(string id, string version, HttpContext http, PriceBooks books, CancellationToken cancellationToken)
    {
        var book = await books.FindBookAsync(id, cancellationToken);
        var draft = await books.FindVersionAsync(id, Number(id, version), tracked: true, cancellationToken);
        if (!draft.IsPublished)
        {
            IfMatch.Require(http, draft.Version);
        }

        await books.PublishAsync(draft, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(draft.Version);
        return TypedResults.Ok(ToModel(book, draft, Caller.From(http.User)));
    }

    private static int Number(string id, string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw ProblemException.NotFound($"version {version} of price book '{id}'");

    /// <summary>The request's content, parsed (strings already match their patterns) and checked where a pattern cannot say it.</summary>
    private static PriceBookDraft Content(string? from, string? to, IReadOnlyList<PriceLineModel>? lines, IReadOnlyList<PriceContractModel>? contracts)
    {
        var effectiveFrom = from is not null ? Time(from, "/effectiveFrom") : throw ProblemException.Invalid("/effectiveFrom", "is required: the UTC time from which the version prices usage");
        return new PriceBookDraft(effectiveFrom, to is not null ? Time(to, "/effectiveTo") : null,
            [.. (lines ?? []).Select(Line)], [.. (contracts ?? []).Select(Contract)]);
    }

    private static PriceLineDraft Line(PriceLineModel line, int i)
    {
        var at = $"/lines/{i}";
        var providerId = line.ProviderId ?? throw ProblemException.Invalid(at + "/providerId", "is required");
        var sku = string.IsNullOrEmpty(line.Sku) ? throw ProblemException.Invalid(at + "/sku", "is required: a hardware profile id of the provider, or a meter") : line.Sku;
        var mode = line.TierMode ?? TierModes.Flat;
        if (!TierModes.All.Contains(mode))
        {
            throw ProblemException.Invalid(at + "/tierMode", "is not a tier mode", new FieldLimit(Values: [.. TierModes.All]));
        }

        decimal unitPrice = 0;
        if (mode == TierModes.Flat)
        {
            unitPrice = Price(line.UnitPrice) ?? throw ProblemException.Invalid(at + "/unitPrice", "is required for a flat line");
        }
        else if (line.UnitPrice is not null)
        {
            throw ProblemException.Invalid(at + "/unitPrice", $"a {mode} line prices by its tiers; leave unitPrice out");
        }

        var tiers = (line.Tiers ?? []).Select((tier, t) => new PriceTier(Price(tier.UpTo),
            Price(tier.UnitPrice) ?? throw ProblemException.Invalid($"{at}/tiers/{t}/unitPrice", "is required"))).ToList();
        return new PriceLineDraft(providerId, sku, line.TenantId, mode, unitPrice, tiers, Price(line.MonthlyFee));
    }

    private static ContractDraft Contract(PriceContractModel contract, int i)
    {
        var tenantId = contract.TenantId ?? throw ProblemException.Invalid($"/contracts/{i}/tenantId", "is required");
        return decimal.TryParse(contract.Percent, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            ? new ContractDraft(tenantId, percent)
            : throw ProblemException.Invalid($"/contracts/{i}/percent", "must be a decimal string from -100 to 1000, such as \"-12.5\" (12.5 % off)");
    }

    private static decimal? Price(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>An RFC 3339 time (UTC when it names no offset), to the microsecond both databases keep.</summary>
    private static DateTime Time(string text, string pointer)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) || !text.Contains('T', StringComparison.Ordinal))
        {
            throw ProblemException.Invalid(pointer, "must be an RFC 3339 date and time, such as \"2026-12-01T00:00:00Z\"");
        }

        return time.UtcDateTime.ToStoredPrecision();
    }

    private static PriceBookModel ToModel(PriceBook book, List<PriceBookVersion> versions, Caller caller) => new(
        book.Id, book.Name, book.Currency, book.CreatedAt,
        [.. versions.Where(v => v.BookId == book.Id && (v.IsPublished || caller.ReadsEveryTenant)).OrderByDescending(v => v.Number)
            .Select(v => new PriceBookVersionSummaryModel(v.Number, v.Status, v.EffectiveFrom, v.EffectiveTo, v.PublishedAt))]);

    /// <summary>The version as the caller may see it: a tenant's readers get the general lines and their own tenant's.</summary>
    private static PriceBookVersionModel ToModel(PriceBook book, PriceBookVersion version, Caller caller) => new(
        book.Id, version.Number, version.Status, book.Currency, version.EffectiveFrom, version.EffectiveTo, version.PublishedAt, version.UpdatedAt,
        [.. version.Lines.Where(l => l.TenantId is null || caller.CanRead(l.TenantId)).OrderBy(l => l.Index).Select(ToModel)],
        [.. version.Contracts.Where(c => caller.CanRead(c.TenantId)).OrderBy(c => c.TenantId, StringComparer.Ordinal)
            .Select(c => new PriceContractModel(c.TenantId, Format(c.Percent)))]);

    private static PriceLineModel ToModel(PriceLine line)
    {
        var tiers = PriceTier.Parse(line.Tiers);
        return new PriceLineModel(line.ProviderId, line.Sku, line.TenantId, line.TierMode,
            line.TierMode == TierModes.Flat ? Format(line.UnitPrice) : null,
            tiers.Length == 0 ? null : [.. tiers.Select(t => new PriceTierModel(t.UpTo is { } up ? Format(up) : null, Format(t.UnitPrice)))],
            line.MonthlyFee is { } fee ? Format(fee) : null);
    }

    private static string Format(decimal value) => WireMapping.Decimal(value);
}
