using System.CommandLine;
using CloudBroker.Cli.Client.Models;
using CloudBroker.Cli.Output;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace CloudBroker.Cli.Commands;

/// <summary><c>keys</c> (SSH keys), <c>quotas</c>, <c>audit</c>, <c>operations</c>, <c>me</c>.</summary>
internal static class AccountCommands
{
    private static readonly Column[] KeyColumns = [new("ID", "id"), new("NAME", "name"), new("FINGERPRINT", "fingerprint"), new("CREATED", "createdAt")];

    private static readonly Column[] QuotaColumns =
    [
        new("SCOPE", "scope"), new("SCOPE ID", "scopeId"), new("INSTANCES", "limits.instances"), new("RUNNING", "limits.runningInstances"),
        new("CPU", "limits.cpu"), new("MEMORY MIB", "limits.memoryMiB"), new("STORAGE GIB", "limits.storageGiB"), new("BUDGET", "limits.budget"), new("CURRENCY", "currency"),
    ];

    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        yield return Keys(environment);
        yield return Quotas(environment);

        var tenant = new Option<string?>("--tenant") { Description = "Only entries of this tenant (admins)" };
        var user = new Option<string?>("--user") { Description = "Only entries of this user" };
        var from = new Option<string?>("--from") { Description = "From this time (RFC 3339)" };
        var to = new Option<string?>("--to") { Description = "Until this time (RFC 3339)" };
        var audit = new Command("audit", "The audit log: every mutation, who made it and how it ended");
        audit.Subcommands.Add(Listing.Command("list", "List audit entries, newest first", environment,
            [new("AT", "at"), new("USER", "userId"), new("METHOD", "method"), new("ROUTE", "route"), new("STATUS", "status"), new("RESULT", "result"), new("TARGET", "target")],
            async (parse, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Audit.GetAsync(r =>
                {
                    (r.QueryParameters.TenantId, r.QueryParameters.UserId) = (parse.GetValue(tenant), parse.GetValue(user));
                    (r.QueryParameters.From, r.QueryParameters.To) = (parse.GetValue(from), parse.GetValue(to));
                    (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit);
                }, ct);
                return (page?.Items, page?.Next);
            }, tenant, user, from, to));
        yield return audit;

        var operationId = CommonOptions.Id("operation");
        var showOperation = new Command("show", "Show an operation: its status, steps and error") { operationId };
        BrokerAction.Set(showOperation, environment, async (parse, s, ct) =>
        {
            s.Renderer.One(await CliSession.JsonOf((await s.Client.Api.Operations[parse.GetValue(operationId)!].GetAsync(cancellationToken: ct))!));
            return ExitCodes.Ok;
        });
        yield return new Command("operations", "Asynchronous operations (what a 202 started)") { showOperation };

        var me = new Command("me", "Who the key belongs to: user, tenant, roles and groups");
        BrokerAction.Set(me, environment, async (_, s, ct) =>
        {
            s.Renderer.One(await CliSession.JsonOf((await s.Client.Api.Me.GetAsync(cancellationToken: ct))!));
            return ExitCodes.Ok;
        });
        yield return me;
    }

    private static Command Keys(CliEnvironment environment)
    {
        var keys = new Command("keys", "SSH public keys to install on new machines");
        keys.Subcommands.Add(Listing.Command("list", "List SSH keys", environment, KeyColumns, async (_, s, cursor, limit, ct) =>
        {
            var page = await s.Client.Api.Keys.GetAsync(r => (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit), ct);
            return (page?.Items, page?.Next);
        }));

        var id = CommonOptions.Id("key");
        var show = new Command("show", "Show one SSH key") { id };
        BrokerAction.Set(show, environment, async (parse, s, ct) =>
        {
            s.Renderer.One(await CliSession.JsonOf((await s.Client.Api.Keys[parse.GetValue(id)!].GetAsync(cancellationToken: ct))!));
            return ExitCodes.Ok;
        });
        keys.Subcommands.Add(show);

        var name = new Option<string>("--name") { Description = "Its name", Required = true };
        var file = new Option<FileInfo>("--public-key-file") { Description = "The OpenSSH public key file (e.g. ~/.ssh/id_ed25519.pub)", Required = true };
        var create = new Command("create", "Register an SSH public key") { name, file };
        BrokerAction.Set(create, environment, async (parse, s, ct) =>
        {
            var publicKey = (await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct)).Trim();
            var key = await s.Client.Api.Keys.PostAsync(new CreateKeyRequest { Name = parse.GetValue(name), PublicKey = publicKey }, CliSession.Idempotent, ct);
            s.Renderer.One(await CliSession.JsonOf(key!), KeyColumns);
            return ExitCodes.Ok;
        });
        keys.Subcommands.Add(create);

        var deleteId = CommonOptions.Id("key");
        var delete = new Command("delete", "Remove an SSH key") { deleteId };
        BrokerAction.Set(delete, environment, async (parse, s, ct) =>
        {
            await s.Client.Api.Keys[parse.GetValue(deleteId)!].DeleteAsync(CliSession.Idempotent, ct);
            s.Environment.Error.WriteLine($"key {parse.GetValue(deleteId)} deleted");
            return ExitCodes.Ok;
        });
        keys.Subcommands.Add(delete);
        return keys;
    }

    private static Command Quotas(CliEnvironment environment)
    {
        var quotas = new Command("quotas", "Quotas: limits on instances, CPUs, memory, storage and money, per tenant, group or user");
        var scope = new Option<string?>("--scope") { Description = "Only quotas of this scope (tenant, group, user)" };
        var scopeId = new Option<string?>("--scope-id") { Description = "Only the quota of this tenant, group or user" };
        quotas.Subcommands.Add(Listing.Command("list", "List the quotas you may see", environment, QuotaColumns, async (parse, s, cursor, limit, ct) =>
        {
            var page = await s.Client.Api.Quotas.GetAsync(r =>
            {
                (r.QueryParameters.Scope, r.QueryParameters.ScopeId) = (parse.GetValue(scope), parse.GetValue(scopeId));
                (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit);
            }, ct);
            return (page?.Items, page?.Next);
        }, scope, scopeId));

        var showScope = new Argument<string>("scope") { Description = "tenant, group or user" };
        var showId = new Argument<string>("id") { Description = "The tenant's, group's or user's id" };
        var show = new Command("show", "Show one quota") { showScope, showId };
        BrokerAction.Set(show, environment, async (parse, s, ct) =>
        {
            var quota = await s.Client.Api.Quotas[parse.GetValue(showScope)!][parse.GetValue(showId)!].GetAsync(cancellationToken: ct);
            s.Renderer.One(await CliSession.JsonOf(quota!));
            return ExitCodes.Ok;
        });
        quotas.Subcommands.Add(show);

        var usageScope = new Argument<string>("scope") { Description = "tenant, group or user" };
        var usageId = new Argument<string>("id") { Description = "The tenant's, group's or user's id" };
        var usage = new Command("usage", "What a quota's scope uses and holds now, against its limits") { usageScope, usageId };
        BrokerAction.Set(usage, environment, async (parse, s, ct) =>
        {
            var used = await s.Client.Api.Quotas[parse.GetValue(usageScope)!][parse.GetValue(usageId)!].Usage.GetAsync(cancellationToken: ct);
            s.Renderer.One(await CliSession.JsonOf(used!));
            return ExitCodes.Ok;
        });
        quotas.Subcommands.Add(usage);
        quotas.Subcommands.Add(SetQuota(environment));
        return quotas;
    }

    /// <summary>
    /// <c>quotas set SCOPE ID --instances 5 …</c>: changes the limits given and keeps the others, under the quota's ETag
    /// (read first, sent as <c>If-Match</c>: a concurrent change makes this fail with 412 instead of being overwritten).
    /// </summary>
    private static Command SetQuota(CliEnvironment environment)
    {
        var scope = new Argument<string>("scope") { Description = "tenant, group or user" };
        var id = new Argument<string>("id") { Description = "The tenant's, group's or user's id" };
        var instances = new Option<long?>("--instances") { Description = "Machines in any state but terminated" };
        var running = new Option<long?>("--running-instances") { Description = "Machines running" };
        var cpu = new Option<long?>("--cpu") { Description = "CPUs" };
        var memory = new Option<long?>("--memory-mib") { Description = "Memory in MiB" };
        var storage = new Option<long?>("--storage-gib") { Description = "Storage in GiB" };
        var budget = new Option<string?>("--budget") { Description = "Money per month, a decimal in the broker's currency (e.g. 250.00)" };
        var set = new Command("set", "Change a quota's limits (the others are kept)") { scope, id, instances, running, cpu, memory, storage, budget };
        BrokerAction.Set(set, environment, async (parse, s, ct) =>
        {
            var quota = s.Client.Api.Quotas[parse.GetValue(scope)!][parse.GetValue(id)!];
            var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
            var current = (await quota.GetAsync(r => r.Options.Add(headers), ct))!;
            var limits = current.Limits ?? new QuotaValuesModel();
            limits.Instances = parse.GetValue(instances) ?? limits.Instances;
            limits.RunningInstances = parse.GetValue(running) ?? limits.RunningInstances;
            limits.Cpu = parse.GetValue(cpu) ?? limits.Cpu;
            limits.MemoryMiB = parse.GetValue(memory) ?? limits.MemoryMiB;
            limits.StorageGiB = parse.GetValue(storage) ?? limits.StorageGiB;
            limits.Budget = parse.GetValue(budget) ?? limits.Budget;
            var etag = headers.ResponseHeaders.TryGetValue("ETag", out var values) ? values.FirstOrDefault() : null;
            var updated = await quota.PutAsync(new PutQuotaRequest { Limits = limits, WarnAt = current.WarnAt ?? new QuotaWarnAtModel() }, r =>
            {
                if (etag is not null)
                {
                    r.Headers.Add("If-Match", etag);
                }
            }, ct);
            s.Renderer.One(await CliSession.JsonOf(updated!), QuotaColumns);
            return ExitCodes.Ok;
        });
        return set;
    }
}
