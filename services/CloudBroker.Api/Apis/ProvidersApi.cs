using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Secrets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// Providers: everyone reads them (the reason one is unavailable, its settings and credential names only admins);
/// admins define more through the API (kept in the database, credentials sealed and write-only, settings held to the
/// driver's allow-list so nothing reaches the broker's host). Those of configuration are read-only here. Every write
/// re-opens the provider in this process at once and announces it to the others (<see cref="IProviderChanges"/>).
/// </summary>
internal static class ProvidersApi
{
    public static void MapProvidersApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/providers").WithTags("Providers");
        group.MapGet("/", List).AllowQuery("limit", "cursor").Allow(AccessRule.Read).WithSummary("Every provider, configured or defined through the API");
        group.MapGet("/{id}", Get).AllowQuery().Allow(AccessRule.Read).WithSummary("One provider").ProducesProblem(404);
        group.MapPost("/", Create).AllowQuery().Allow(AccessRule.Admin).WithSummary("Define a provider (credentials are write-only)")
            .ProducesProblem(400).ProducesProblem(409);
        group.MapPut("/{id}", Update).AllowQuery().Allow(AccessRule.Admin)
            .WithSummary("Replace a provider's driver, settings and enabled flag (If-Match); credentials only when given")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        group.MapDelete("/{id}", Delete).AllowQuery().Allow(AccessRule.Admin).WithSummary("Delete a provider that has no machines left")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/test", ProviderTest.RunAsync).AllowQuery().Allow(AccessRule.Admin)
            .WithSummary("Check that the provider answers and accepts its credentials (reads its realms)")
            .ProducesProblem(404).ProducesProblem(502).ProducesProblem(503);
    }

    private static Ok<Page<ProviderModel>> List(HttpContext http, ProviderRegistry providers, int? limit, string? cursor)
    {
        var admin = Caller.From(http.User).IsAdmin;
        var page = PageRequest.From(limit, cursor);
        var fetched = providers.All
            .Where(p => page.After is null || string.CompareOrdinal(p.Id, page.After) > 0)
            .Take(page.Limit + 1)
            .ToArray();
        var (items, next) = page.Cut(fetched, p => p.Id);
        return TypedResults.Ok(new Page<ProviderModel>(items.Select(p => p.ToModel(admin)).ToArray(), next));
    }

    private static Ok<ProviderModel> Get(string id, HttpContext http, ProviderRegistry providers)
    {
        var provider = providers.Find(id) ?? throw ProblemException.NotFound($"provider '{id}'");
        if (provider.Stored is { } stored)
        {
            http.Response.Headers.ETag = WireMapping.ETag(stored.Version);
        }

        return TypedResults.Ok(provider.ToModel(Caller.From(http.User).IsAdmin));
    }

    private static async Task<Created<ProviderModel>> Create(
        [FromBody] ProviderRequest body, HttpContext http, BrokerDbContext db, ProviderRegistry providers, ProviderCredentials credentials,
        ProviderSync sync, IProviderChanges changes, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        ProviderValidation.CheckId(body.Id, errors);
        ProviderValidation.CheckDriver(body.Driver, providers.DriverNames, errors);
        var settings = ProviderValidation.CheckSettings(body.Settings, errors);
        var secrets = ProviderValidation.CheckCredentials(body.Credentials, errors) ?? [];
        ProviderValidation.CheckApiRules(providers, body.Driver, settings, secrets.Keys, errors);
        ProviderValidation.ThrowIfAny(errors);

        var id = body.Id!;
        if (providers.IsConfigured(id) || await db.Set<ProviderRecord>().AnyAsync(p => p.Id == id, cancellationToken))
        {
            throw Exists(id);
        }

        await RefuseBadSettingsAsync(providers, id, body.Driver!, settings, secrets);
        var now = time.GetUtcNow().UtcDateTime;
        var caller = Caller.From(http.User).UserId;
        var record = new ProviderRecord
        {
            Id = id, Driver = body.Driver!, Settings = ProviderSettings.Serialize(settings), Enabled = body.Enabled ?? true, Version = 1,
            CreatedAt = now, CreatedBy = caller, UpdatedAt = now, UpdatedBy = caller,
        };
        if (secrets.Count > 0)
        {
            credentials.Set(record, secrets, now);
        }

        db.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw Exists(id); // another admin made it at the same moment
        }

        var provider = await ReopenAsync(id, db, sync, changes, providers, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(record.Version);
        return TypedResults.Created("/api/providers/" + id, provider.ToModel(admin: true));
    }

    private static async Task<Ok<ProviderModel>> Update(
        string id, [FromBody] ProviderRequest body, HttpContext http, BrokerDbContext db, ProviderRegistry providers, ProviderCredentials credentials,
        ProviderSync sync, IProviderChanges changes, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await FindStoredAsync(id, db, providers, cancellationToken);
        IfMatch.Require(http, record.Version);
        var errors = new List<FieldError>();
        if (body.Id is not null && body.Id != id)
        {
            errors.Add(new FieldError("/id", "cannot change; it must be absent or the id in the path"));
        }

        ProviderValidation.CheckDriver(body.Driver, providers.DriverNames, errors);
        var settings = ProviderValidation.CheckSettings(body.Settings, errors);
        var secrets = ProviderValidation.CheckCredentials(body.Credentials, errors);
        ProviderValidation.CheckApiRules(providers, body.Driver, settings, (IEnumerable<string>?)secrets?.Keys ?? ProviderCredentials.Names(record), errors);
        ProviderValidation.CheckRepointing(providers, record, body.Driver, settings, credentialsGiven: secrets is not null, errors);
        ProviderValidation.ThrowIfAny(errors);

        // Omitted credentials stay as they are; the driver is asked about the settings with them, when they can be opened.
        IReadOnlyDictionary<string, string>? checkWith = secrets;
        if (checkWith is null)
        {
            try
            {
                checkWith = credentials.Open(record);
            }
            catch (SecretUnreadableException)
            {
                checkWith = null; // the provider will say so when it is opened; the settings can still be fixed
            }
        }

        if (checkWith is not null)
        {
            await RefuseBadSettingsAsync(providers, id, body.Driver!, settings, checkWith);
        }

        var now = time.GetUtcNow().UtcDateTime;
        record.Driver = body.Driver!;
        record.Settings = ProviderSettings.Serialize(settings);
        record.Enabled = body.Enabled ?? true;
        if (secrets is not null)
        {
            credentials.Set(record, secrets, now);
        }

        record.Version++;
        record.UpdatedAt = now;
        record.UpdatedBy = Caller.From(http.User).UserId;
        await ConcurrentSave.SaveAsync(db, cancellationToken);

        var provider = await ReopenAsync(id, db, sync, changes, providers, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(record.Version);
        return TypedResults.Ok(provider.ToModel(admin: true));
    }

    private static async Task<NoContent> Delete(
        string id, HttpContext http, BrokerDbContext db, ProviderRegistry providers, ProviderSync sync, IProviderChanges changes, CancellationToken cancellationToken)
    {
        var record = await FindStoredAsync(id, db, providers, cancellationToken);
        if (http.Request.Headers.IfMatch.Count > 0)
        {
            IfMatch.Require(http, record.Version);
        }

        var machines = await db.Set<Instance>().CountAsync(i => i.ProviderId == id && i.State != InstanceState.Terminated, cancellationToken);
        if (machines > 0)
        {
            throw new ProblemException(ProblemTypes.Conflict,
                $"provider '{id}' still has {machines} instance(s) that are not terminated; destroy them first",
                extensions: new Dictionary<string, object?> { ["providerId"] = id, ["instances"] = machines });
        }

        db.Remove(record);
        await ConcurrentSave.SaveAsync(db, cancellationToken);
        await sync.RefreshAsync(id, db, cancellationToken);
        await changes.AnnounceAsync(db, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The stored row, tracked; a configured provider is refused as read-only, an unknown one as not found.</summary>
    private static async Task<ProviderRecord> FindStoredAsync(string id, BrokerDbContext db, ProviderRegistry providers, CancellationToken cancellationToken)
    {
        if (providers.IsConfigured(id))
        {
            throw new ProblemException(ProblemTypes.ProviderReadOnly,
                $"provider '{id}' is defined in configuration (CloudBroker:Providers:{id}); change it there and restart",
                extensions: new Dictionary<string, object?> { ["providerId"] = id });
        }

        return await db.Set<ProviderRecord>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound($"provider '{id}'");
    }

    /// <summary>
    /// Opens the driver once with the new settings: a refusal is a 400 naming the setting (the driver's message); settings
    /// that reach the endpoint or account of another provider are a 409 naming it. Either way nothing is stored.
    /// </summary>
    private static async Task RefuseBadSettingsAsync(
        ProviderRegistry providers, string id, string driver, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> secrets)
    {
        var section = ProviderSettings.Section(id, driver, settings, secrets);
        if (await providers.CheckAsync(section) is { } refusal)
        {
            throw ProblemException.Invalid("/settings", refusal);
        }

        if (providers.FindSharedEndpoint(section) is { } clash)
        {
            throw new ProblemException(ProblemTypes.Conflict, $"provider '{id}' cannot be saved: {clash.Reason}",
                extensions: new Dictionary<string, object?> { ["providerId"] = id, ["sharedWith"] = clash.ProviderId });
        }
    }

    private static async Task<Provider> ReopenAsync(
        string id, BrokerDbContext db, ProviderSync sync, IProviderChanges changes, ProviderRegistry providers, CancellationToken cancellationToken)
    {
        await sync.RefreshAsync(id, db, cancellationToken);
        await changes.AnnounceAsync(db, cancellationToken);
        return providers.Find(id) ?? throw new InvalidOperationException($"provider '{id}' was stored but not opened");
    }

    private static ProblemException Exists(string id) => new(ProblemTypes.Conflict,
        $"a provider '{id}' exists already (ids are unique across configuration and the API)",
        extensions: new Dictionary<string, object?> { ["providerId"] = id });
}
