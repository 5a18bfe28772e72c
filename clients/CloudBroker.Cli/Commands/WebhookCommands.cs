using System.CommandLine;
using CloudBroker.Cli.Client.Models;
using CloudBroker.Cli.Output;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace CloudBroker.Cli.Commands;

/// <summary><c>webhooks</c>: a tenant's endpoints for alerts (create — the secret shown once —, list, show, delete) and their deliveries.</summary>
internal static class WebhookCommands
{
    private static readonly Column[] Columns = [new("ID", "id"), new("TENANT", "tenantId"), new("URL", "url"), new("DESCRIPTION", "description"), new("CREATED", "createdAt")];

    public static Command Build(CliEnvironment environment)
    {
        var webhooks = new Command("webhooks", "Where a tenant's alerts are delivered, signed (tenant admins)");
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's webhooks (admins)" };
        webhooks.Subcommands.Add(Listing.Command("list", "List webhooks", environment, Columns, async (parse, s, cursor, limit, ct) =>
        {
            var page = await s.Client.Api.Webhooks.GetAsync(r =>
            {
                r.QueryParameters.TenantId = parse.GetValue(tenant);
                (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit);
            }, ct);
            return (page?.Items, page?.Next);
        }, tenant));

        var id = CommonOptions.Id("webhook");
        var show = new Command("show", "Show one webhook (never its secret)") { id };
        BrokerAction.Set(show, environment, async (parse, s, ct) =>
        {
            s.Renderer.One(await CliSession.JsonOf((await s.Client.Api.Webhooks[parse.GetValue(id)!].GetAsync(cancellationToken: ct))!));
            return ExitCodes.Ok;
        });
        webhooks.Subcommands.Add(show);
        webhooks.Subcommands.Add(Create(environment));

        var deleteId = CommonOptions.Id("webhook");
        var delete = new Command("delete", "Remove a webhook (nothing more is delivered to it)") { deleteId };
        BrokerAction.Set(delete, environment, async (parse, s, ct) =>
        {
            await s.Client.Api.Webhooks[parse.GetValue(deleteId)!].DeleteAsync(CliSession.Idempotent, ct);
            s.Environment.Error.WriteLine($"webhook {parse.GetValue(deleteId)} deleted");
            return ExitCodes.Ok;
        });
        webhooks.Subcommands.Add(delete);

        var of = CommonOptions.Id("webhook");
        webhooks.Subcommands.Add(Listing.Command("deliveries", "A webhook's deliveries, with every attempt", environment,
            [new("ID", "id"), new("EVENT", "eventType"), new("STATUS", "status"), new("CREATED", "createdAt"), new("DELIVERED", "deliveredAt"), new("NEXT ATTEMPT", "nextAttemptAt")],
            async (parse, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Webhooks[parse.GetValue(of)!].Deliveries.GetAsync(r => (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit), ct);
                return (page?.Items, page?.Next);
            }, of));
        return webhooks;
    }

    /// <summary>
    /// <c>webhooks create --url …</c>: prints the webhook with its secret, the only time it is shown (the broker refuses
    /// an <c>Idempotency-Key</c> here, as it would keep the secret; so the request is not retried either).
    /// </summary>
    private static Command Create(CliEnvironment environment)
    {
        var url = new Option<string>("--url") { Description = "The HTTPS endpoint deliveries are POSTed to", Required = true };
        var description = new Option<string?>("--description") { Description = "What it is for" };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant (default: yours; admins name one)" };
        var create = new Command("create", "Add a webhook; prints its signing secret once") { url, description, tenant };
        BrokerAction.Set(create, environment, async (parse, s, ct) =>
        {
            var body = new WebhookRequest { Url = parse.GetValue(url), Description = parse.GetValue(description), TenantId = parse.GetValue(tenant) };
            var created = (await s.Client.Api.Webhooks.PostAsync(body, r => r.Options.Add(new RetryHandlerOption { MaxRetry = 0 }), ct))!;
            s.Renderer.One(await CliSession.JsonOf(created), [.. Columns, new("SECRET", "secret")]);
            s.Environment.Error.WriteLine("Keep the secret now: it is not shown again (deliveries are signed with it).");
            return ExitCodes.Ok;
        });
        return create;
    }
}
