using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Problems;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Providers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// Instances: reads come from the database; create, the actions and delete are accepted in one
/// transaction and answered 202 with the operation, <c>Location</c> and <c>Operation-Location</c>.
/// </summary>
internal static class InstancesApi
{
    // The hottest read: compiled once instead of looked up in EF's query cache per request. The tenant is null for
    // a caller who reads every tenant; who of the tenant may read the row is then checked on it (OwnedRows.MayRead).
    private static readonly Func<BrokerDbContext, string, string?, Task<Instance?>> FindInstance = EF.CompileAsyncQuery(
        (BrokerDbContext db, string id, string? tenantId) => db.Set<Instance>().AsNoTracking().FirstOrDefault(i => i.Id == id && (tenantId == null || i.TenantId == tenantId)));

    public static void MapInstancesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/instance-states", States).AllowQuery().Allow(AccessRule.Read).WithTags("Instances")
            .WithSummary("The instance state graph: states, allowed actions, transitions and their causes");

        var group = api.MapGroup("/instances").WithTags("Instances");
        group.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("providerId", "state", "name", "limit", "cursor")
            .WithSummary("Instances you may see (a member: its own and its groups'), newest last (keyset pages)").ProducesProblem(400);
        group.MapGet("/{id}", Get).Allow(AccessRule.Read).AllowQuery().WithSummary("One instance, with the actions it allows now").ProducesProblem(404);
        group.MapGet("/{id}/events", Events).Allow(AccessRule.Read).AllowQuery("limit", "cursor")
            .WithSummary("The instance's history: every state change and operation status change, with time and cause").ProducesProblem(404);
        group.MapPost("/", Create).Allow(AccessRule.Operate).AllowQuery()
            .WithSummary("Create an instance on a provider named, or by size and image family where placement chooses (202 + operation)")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(503);
        group.MapPatch("/{id}", Update).Allow(AccessRule.Operate).AllowQuery()
            .WithSummary("Change an instance's tags (JSON merge patch of tags; If-Match required)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(412).ProducesProblem(415).ProducesProblem(428);
        group.MapPost("/{id}/start", (string id, HttpContext http, InstanceRequests requests, CancellationToken ct) => Act(id, InstanceAction.Start, http, requests, ct))
            .Allow(AccessRule.Operate).AllowQuery().WithSummary("Start a stopped instance").ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id}/stop", (string id, HttpContext http, InstanceRequests requests, CancellationToken ct) => Act(id, InstanceAction.Stop, http, requests, ct))
            .Allow(AccessRule.Operate).AllowQuery().WithSummary("Stop a running instance").ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id}/reboot", (string id, HttpContext http, InstanceRequests requests, CancellationToken ct) => Act(id, InstanceAction.Reboot, http, requests, ct))
            .Allow(AccessRule.Operate).AllowQuery().WithSummary("Reboot a running instance").ProducesProblem(404).ProducesProblem(409);
        group.MapDelete("/{id}", (string id, HttpContext http, InstanceRequests requests, CancellationToken ct) => Act(id, InstanceAction.Destroy, http, requests, ct))
            .Allow(AccessRule.Operate).AllowQuery().WithSummary("Destroy an instance and what was made for it").ProducesProblem(404).ProducesProblem(409);
    }

    private static Ok<InstanceStatesModel> States() => TypedResults.Ok(new InstanceStatesModel(
        Enum.GetValues<InstanceState>().Select(s => new InstanceStateModel(
            s.Wire(),
            InstanceStateMachine.Transitions.Where(t => t.From == s && t.Action is not null).Select(t => t.Action!.Value.Wire()).Distinct().ToArray(),
            InstanceStateMachine.IsFinal(s))).ToArray(),
        InstanceStateMachine.Transitions.Select(t => new TransitionModel(t.From.Wire(), t.To.Wire(), t.Action?.Wire(), t.Event)).ToArray()));

    private static async Task<Ok<Page<InstanceModel>>> List(
        HttpContext http, BrokerDbContext db, ProviderRegistry providers,
        string? providerId, string? state, string? name, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var query = Caller.From(http.User).Rows().Readable(db.Set<Instance>().AsNoTracking());
        if (providerId is not null)
        {
            query = query.Where(i => i.ProviderId == providerId);
        }

        if (state is not null)
        {
            var states = Enum.GetValues<InstanceState>();
            if (!states.Any(s => s.Wire() == state))
            {
                throw ProblemException.InvalidParameter("state", $"'{state}' is not a state",
                    new FieldLimit(Values: [.. states.Select(s => s.Wire())]));
            }

            var parsed = states.First(s => s.Wire() == state);
            query = query.Where(i => i.State == parsed);
        }

        if (name is not null)
        {
            query = query.Where(i => i.Name == name);
        }

        if (page.After is not null)
        {
            query = query.Where(i => string.Compare(i.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(i => i.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, i => i.Id);
        return TypedResults.Ok(new Page<InstanceModel>(items.Select(i => i.ToModel(providers)).ToArray(), next));
    }

    private static async Task<Results<Ok<InstanceModel>, StatusCodeHttpResult>> Get(
        string id, HttpContext http, BrokerDbContext db, ProviderRegistry providers, CancellationToken cancellationToken)
    {
        var instance = await FindReadableAsync(db, id, Caller.From(http.User));
        var etag = WireMapping.ETag(instance.Version);
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch == etag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(instance.ToModel(providers));
    }

    private static async Task<Ok<Page<InstanceEventModel>>> Events(
        string id, HttpContext http, BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var instance = await FindReadableAsync(db, id, Caller.From(http.User));

        var after = page.After is null ? 0 : long.TryParse(page.After, out var parsed) ? parsed
            : throw ProblemException.InvalidParameter("cursor", "is not a cursor this API returned");
        var fetched = await db.Set<InstanceEvent>().AsNoTracking()
            .Where(e => e.InstanceId == id && e.TenantId == instance.TenantId && e.Id > after)
            .OrderBy(e => e.Id)
            .Take(page.Limit + 1)
            .ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return TypedResults.Ok(new Page<InstanceEventModel>(
            items.Select(e => new InstanceEventModel(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.At, e.Subject, e.OperationId, e.From, e.To, e.Cause)).ToArray(),
            next));
    }

    private static async Task<Accepted<OperationModel>> Create(
        [FromBody] CreateInstanceRequest body, HttpContext http, InstanceRequests requests, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (instance, operation) = await requests.CreateAsync(
            new CreateInstanceInput(body.Name, body.ProviderId, body.ImageId, body.HardwareProfileId, body.RealmId,
                body.Cpu, body.MemoryMiB, body.StorageGiB, body.KeyId, body.UserData, body.Tags,
                body.Size, body.ImageFamily, body.Pool, body.PlacementPolicy, PlacementsApi.GroupOf(body.AntiAffinity), body.AntiAffinity?.Required ?? false),
            caller.Rows(), caller.TenantId, caller.UserId, caller.ChargedGroup(body.GroupId), caller.GroupsFromToken, cancellationToken);
        return AcceptedWith(http, instance, operation);
    }

    private static async Task<Ok<InstanceModel>> Update(
        string id, [FromBody] UpdateInstanceRequest body, HttpContext http, InstanceRequests requests, ProviderRegistry providers,
        [FromKeyedServices(typeof(InstanceEvent))] WakeSignal metering, CancellationToken cancellationToken)
    {
        Instance instance;
        try
        {
            instance = await requests.RetagAsync(id, body.Tags ?? [], version => IfMatch.Require(http, version), Caller.From(http.User).Rows(), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw IfMatch.Stale();
        }

        metering.Notify(); // a tag change announces nothing on the bus: in this process, meter it now
        http.Response.Headers.ETag = WireMapping.ETag(instance.Version);
        return TypedResults.Ok(instance.ToModel(providers));
    }

    private static async Task<Accepted<OperationModel>> Act(
        string id, InstanceAction action, HttpContext http, InstanceRequests requests, CancellationToken cancellationToken)
    {
        var (instance, operation) = await requests.ActAsync(id, action, Caller.From(http.User).Rows(), cancellationToken);
        return AcceptedWith(http, instance, operation);
    }

    /// <summary>The instance, when the caller may read it; else 404, as for another tenant's.</summary>
    internal static async Task<Instance> FindReadableAsync(BrokerDbContext db, string id, Caller caller) =>
        await FindInstance(db, id, caller.ReadFilter) is { } instance && caller.Rows().MayRead(instance)
            ? instance
            : throw ProblemException.NotFound($"instance '{id}'");

    private static Accepted<OperationModel> AcceptedWith(HttpContext http, Instance instance, Operation operation)
    {
        http.Response.Headers["Operation-Location"] = "/api/operations/" + operation.Id;
        return TypedResults.Accepted("/api/instances/" + instance.Id, operation.ToModel());
    }
}
