using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Provisioning.Reconciliation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// Reconciliation of a provider with the database, for admins: run one now (synchronously: the answer
/// is the finished run), and read past runs newest first.
/// </summary>
internal static class ReconciliationsApi
{
    public static void MapReconciliationsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/providers/{id}").WithTags("Reconciliation").Allow(AccessRule.Admin);
        group.MapPost("/reconcile", Reconcile).AllowQuery()
            .WithSummary("Reconcile the provider now: vanished instances, orphans by its policy, foreign machines, stuck operations (200 + the run)")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);
        group.MapGet("/reconciliations", List).AllowQuery("limit", "cursor")
            .WithSummary("The provider's reconciliation runs, newest first (keyset pages)").ProducesProblem(403).ProducesProblem(404);
        group.MapGet("/reconciliations/{runId}", Get).AllowQuery()
            .WithSummary("One reconciliation run, with its counts and the machines concerned").ProducesProblem(403).ProducesProblem(404);
    }

    private static async Task<Ok<ReconciliationModel>> Reconcile(
        string id, HttpContext http, ProviderRegistry providers, Reconciler reconciler, IHostApplicationLifetime lifetime)
    {
        var provider = providers.Find(id) ?? throw ProblemException.NotFound($"provider '{id}'");
        if (provider.Status == ProviderStatus.Unavailable)
        {
            throw new ProblemException(ProblemTypes.ProviderUnavailable, $"provider '{id}' is unavailable: {provider.UnavailableReason}");
        }

        // A client that goes away does not cancel the run: it finishes and is recorded; only shutdown stops it.
        var run = await reconciler.RunAsync(provider, ReconciliationTrigger.Manual, lifetime.ApplicationStopping)
            ?? throw new ProblemException(ProblemTypes.Conflict, $"a reconciliation of provider '{id}' is in progress; try again when it has finished");
        http.Response.Headers.Location = $"/api/providers/{id}/reconciliations/{run.Id}";
        return TypedResults.Ok(ToModel(run));
    }

    private static async Task<Ok<Page<ReconciliationModel>>> List(
        string id, ProviderRegistry providers, BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        RequireProvider(providers, id);
        var query = db.Set<ReconciliationRun>().AsNoTracking().Where(r => r.ProviderId == id);
        if (page.After is not null)
        {
            query = query.Where(r => string.Compare(r.Id, page.After) < 0);
        }

        // Run ids are UUIDv7: descending id is newest first.
        var fetched = await query.OrderByDescending(r => r.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, r => r.Id);
        return TypedResults.Ok(new Page<ReconciliationModel>(items.Select(ToModel).ToArray(), next));
    }

    private static async Task<Ok<ReconciliationModel>> Get(
        string id, string runId, ProviderRegistry providers, BrokerDbContext db, CancellationToken cancellationToken)
    {
        RequireProvider(providers, id);
        var run = await db.Set<ReconciliationRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.ProviderId == id, cancellationToken)
            ?? throw ProblemException.NotFound($"reconciliation '{runId}' of provider '{id}'");
        return TypedResults.Ok(ToModel(run));
    }

    private static void RequireProvider(ProviderRegistry providers, string id)
    {
        if (providers.Find(id) is null)
        {
            throw ProblemException.NotFound($"provider '{id}'");
        }
    }

    private static ReconciliationModel ToModel(ReconciliationRun run) => new(
        run.Id,
        run.ProviderId,
        run.Trigger.Wire(),
        run.Status.Wire(),
        run.Error,
        run.StartedAt,
        run.FinishedAt,
        new ReconciliationCountsModel(run.Seen, run.Matched, run.Vanished, run.OrphansReported, run.Adopted, run.Destroyed, run.Foreign, run.StuckResolved),
        run.Machines.Select(m => new ReconciliationMachineModel(m.ProviderMachineId, m.InstanceId, m.InstallationId, m.Action, m.Detail)).ToArray());
}
