using CloudBroker.Accounting.Webhooks;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Drivers;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// A tenant's webhooks, managed by its tenant-admins (and admins): the URL is held to the providers' endpoint policy,
/// the secret is in the create answer only (no <c>Idempotency-Key</c>: a replayable answer would keep it), and the
/// deliveries with their attempts are readable. Another tenant's webhook is a 404.
/// </summary>
internal static class WebhooksApi
{
    public static void MapWebhooksApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapGet("/", List).Allow(AccessRule.ManageTenant).AllowQuery("tenantId", "limit", "cursor").WithSummary("Webhooks of the caller's tenant (admin: every tenant's)").ProducesProblem(400);
        group.MapPost("/", Create).Allow(AccessRule.ManageTenant).AllowQuery().ReturnsSecret()
            .WithSummary("Add a webhook (its signing secret is shown once; no Idempotency-Key)").ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/{id}", Get).Allow(AccessRule.ManageTenant).AllowQuery().WithSummary("A webhook (never its secret)").ProducesProblem(404);
        group.MapDelete("/{id}", Delete).Allow(AccessRule.ManageTenant).AllowQuery().WithSummary("Remove a webhook and its deliveries").ProducesProblem(404);
        group.MapGet("/{id}/deliveries", Deliveries).Allow(AccessRule.ManageTenant).AllowQuery("limit", "cursor")
            .WithSummary("A webhook's deliveries and their attempts, oldest first").ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<Ok<Page<WebhookModel>>> List(
        HttpContext http, BrokerDbContext db, string? tenantId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var query = Visible(db, Caller.From(http.User));
        if (tenantId is not null)
        {
            query = query.Where(w => w.TenantId == tenantId);
        }

        if (page.After is not null)
        {
            query = query.Where(w => string.Compare(w.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(w => w.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, w => w.Id);
        return TypedResults.Ok(new Page<WebhookModel>([.. items.Select(ToModel)], next));
    }

    private static async Task<Created<CreatedWebhookModel>> Create(
        [FromBody] WebhookRequest? body, HttpContext http, BrokerDbContext db, EndpointPolicy endpoints, WebhookSecrets secrets,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var url = WebhookUrl.Check(body?.Url, endpoints);
        var tenantId = body?.TenantId ?? caller.TenantId;
        if (!caller.CanSee(tenantId) || !await db.Set<Tenant>().AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            throw ProblemException.NotFound($"tenant '{tenantId}'");
        }

        var secret = WebhookSecrets.New();
        var webhook = new Webhook
        {
            Id = Guid.CreateVersion7().ToString(), TenantId = tenantId, Url = url.AbsoluteUri, Description = body?.Description,
            Secret = [], SecretKeyId = "", CreatedAt = time.GetUtcNow().UtcDateTime.ToStoredPrecision(),
        };
        secrets.Seal(webhook, secret);
        db.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}",
            new CreatedWebhookModel(webhook.Id, webhook.TenantId, webhook.Url, webhook.Description, secret, webhook.CreatedAt));
    }

    private static async Task<Ok<WebhookModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToModel(await FindAsync(id, http, db, cancellationToken)));

    private static async Task<NoContent> Delete(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var webhook = await FindAsync(id, http, db, cancellationToken);
        await db.Set<Webhook>().Where(w => w.Id == webhook.Id).ExecuteDeleteAsync(cancellationToken); // deliveries and attempts go with it (cascade)
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<WebhookDeliveryModel>>> Deliveries(
        string id, HttpContext http, BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var webhook = await FindAsync(id, http, db, cancellationToken);
        var query = db.Set<WebhookDelivery>().AsNoTracking().Include(d => d.AttemptLog).Where(d => d.WebhookId == webhook.Id);
        if (page.After is not null)
        {
            query = query.Where(d => string.Compare(d.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(d => d.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, d => d.Id);
        return TypedResults.Ok(new Page<WebhookDeliveryModel>([.. items.Select(ToModel)], next));
    }

    private static IQueryable<Webhook> Visible(BrokerDbContext db, Caller caller)
    {
        var query = db.Set<Webhook>().AsNoTracking();
        return caller.TenantFilter is { } own ? query.Where(w => w.TenantId == own) : query;
    }

    private static async Task<Webhook> FindAsync(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken) =>
        await Visible(db, Caller.From(http.User)).FirstOrDefaultAsync(w => w.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound($"webhook '{id}'");

    private static WebhookModel ToModel(Webhook w) => new(w.Id, w.TenantId, w.Url, w.Description, w.CreatedAt);

    private static WebhookDeliveryModel ToModel(WebhookDelivery d) => new(
        d.Id, d.WebhookId, d.EventType, d.EventId, d.Status, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt,
        [.. d.AttemptLog.OrderBy(a => a.Number).Select(a => new WebhookAttemptModel(a.Number, a.At, a.StatusCode, a.Error, a.NextAttemptAt))]);
}
