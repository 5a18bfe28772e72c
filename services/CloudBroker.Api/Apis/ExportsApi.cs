using System.Globalization;
using System.Text.Json;
using CloudBroker.Accounting.Exports;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CloudBroker.Api.Apis;

/// <summary>
/// FOCUS exports of a tenant's billing period, for finance: requesting one is accepted as an operation of kind
/// <c>export</c> (202, <c>Location</c> + <c>Operation-Location</c>); its files are listed and streamed. A caller reaches
/// the exports of the tenants whose costs it reads (its own; the system tenant's finance and admins every tenant).
/// </summary>
internal static class ExportsApi
{
    public static void MapExportsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/exports").WithTags("Exports");
        group.MapPost("/", Request).Allow(AccessRule.Finance).AllowQuery()
            .WithSummary("Export a tenant's billing period in FOCUS 1.2, Parquet and CSV (202 + operation of kind export)")
            .ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/", List).Allow(AccessRule.Finance).AllowQuery("tenantId", "billingPeriod", "limit", "cursor")
            .WithSummary("Exports you may read, oldest first (keyset pages)").ProducesProblem(400);
        group.MapGet("/{id}", Get).Allow(AccessRule.Finance).AllowQuery()
            .WithSummary("One export: status, files and manifest").ProducesProblem(404);
        group.MapGet("/{id}/files/{name}", Download).Allow(AccessRule.Finance).AllowQuery()
            .WithSummary("Download a file of a built export (streamed; manifest.json is its manifest)")
            .Produces(200, contentType: "application/octet-stream").ProducesProblem(404);
    }

    private static async Task<Accepted<OperationModel>> Request(
        [FromBody] ExportRequest body, HttpContext http, BrokerDbContext db, ExportRequests requests, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var tenantId = string.IsNullOrEmpty(body.TenantId) ? throw ProblemException.Invalid("/tenantId", "is required") : body.TenantId;
        var period = Period(body.BillingPeriod) ?? throw ProblemException.Invalid("/billingPeriod", "must be a UTC month, YYYY-MM", new FieldLimit(Pattern: @"^\d{4}-\d{2}$"));
        if (period > time.GetUtcNow().UtcDateTime)
        {
            throw ProblemException.Invalid("/billingPeriod", "has not begun yet");
        }

        if (!caller.CanRead(tenantId) || !await db.Set<Tenant>().AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            throw ProblemException.NotFound($"tenant '{tenantId}'");
        }

        var (export, operation) = await requests.AcceptAsync(tenantId, period, caller.UserId, cancellationToken);
        http.Response.Headers["Operation-Location"] = "/api/operations/" + operation.Id;
        return TypedResults.Accepted("/api/exports/" + export.Id, operation.ToModel());
    }

    private static async Task<Ok<Page<ExportModel>>> List(
        HttpContext http, BrokerDbContext db, string? tenantId, string? billingPeriod, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var query = Readable(db, Caller.From(http.User));
        if (tenantId is not null)
        {
            query = query.Where(e => e.TenantId == tenantId);
        }

        if (billingPeriod is not null)
        {
            var period = Period(billingPeriod) ?? throw ProblemException.InvalidParameter("billingPeriod", "must be a UTC month, YYYY-MM", new FieldLimit(Pattern: @"^\d{4}-\d{2}$"));
            query = query.Where(e => e.PeriodStart == period);
        }

        if (page.After is not null)
        {
            query = query.Where(e => string.Compare(e.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(e => e.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, e => e.Id);
        var ids = items.Select(e => e.Id).ToList();
        var files = await db.Set<ExportFile>().AsNoTracking().Where(f => ids.Contains(f.ExportId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ExportModel>([.. items.Select(e => ToModel(e, files.Where(f => f.ExportId == e.Id)))], next));
    }

    private static async Task<Ok<ExportModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var export = await FindAsync(db, id, Caller.From(http.User), cancellationToken);
        var files = await db.Set<ExportFile>().AsNoTracking().Where(f => f.ExportId == id).ToListAsync(cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(export.Version);
        return TypedResults.Ok(ToModel(export, files));
    }

    /// <summary>Streams a listed file (names come from the export's own list, never from the path as given).</summary>
    private static async Task<FileStreamHttpResult> Download(
        string id, string name, HttpContext http, BrokerDbContext db, IExportFileStore store, CancellationToken cancellationToken)
    {
        var export = await FindAsync(db, id, Caller.From(http.User), cancellationToken);
        if (name == ExportManifest.FileName && export.Manifest is { } manifest)
        {
            return Attachment(http, name, "application/json", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest)));
        }

        var file = await db.Set<ExportFile>().AsNoTracking().FirstOrDefaultAsync(f => f.ExportId == id && f.Name == name, cancellationToken)
            ?? throw ProblemException.NotFound($"file '{name}' of export '{id}'");
        http.Response.ContentLength = file.Length;
        return Attachment(http, file.Name, file.ContentType, await store.OpenAsync(id, file.Name, cancellationToken));
    }

    private static FileStreamHttpResult Attachment(HttpContext http, string name, string contentType, Stream content)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(content, contentType);
    }

    private static IQueryable<Export> Readable(BrokerDbContext db, Caller caller)
    {
        var query = db.Set<Export>().AsNoTracking();
        return caller.ReadFilter is { } own ? query.Where(e => e.TenantId == own) : query;
    }

    /// <summary>The export, when the caller may read its tenant's costs; else 404, as for one that does not exist.</summary>
    private static async Task<Export> FindAsync(BrokerDbContext db, string id, Caller caller, CancellationToken cancellationToken) =>
        await Readable(db, caller).FirstOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw ProblemException.NotFound($"export '{id}'");

    private static DateTime? Period(string? text) =>
        text is not null && DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month)
            ? DateTime.SpecifyKind(month, DateTimeKind.Utc)
            : null;

    private static ExportModel ToModel(Export export, IEnumerable<ExportFile> files)
    {
        var href = "/api/exports/" + export.Id + "/files/";
        var listed = files.OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new ExportFileModel(f.Name, f.ContentType, f.Length, f.Sha256, f.Rows, href + f.Name)).ToList();
        JsonElement? manifest = null;
        if (export.Manifest is { } text)
        {
            using var document = JsonDocument.Parse(text);
            manifest = document.RootElement.Clone();
            listed.Add(new ExportFileModel(ExportManifest.FileName, "application/json", System.Text.Encoding.UTF8.GetByteCount(text),
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), null, href + ExportManifest.FileName));
        }

        return new ExportModel(export.Id, export.TenantId, export.PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture), export.Revision, export.Final, export.Schedule,
            export.Status.ToString().ToLowerInvariant(), export.OperationId, listed, manifest, export.CreatedAt, export.UpdatedAt);
    }
}
