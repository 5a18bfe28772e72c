using System.CommandLine;
using CloudBroker.Cli.Client.Models;
using CloudBroker.Cli.Output;

namespace CloudBroker.Cli.Commands;

/// <summary><c>exports</c>: request a FOCUS export of a tenant's billing period, list and show them, download their files.</summary>
internal static class ExportCommands
{
    private static readonly Column[] Columns =
    [
        new("ID", "id"), new("TENANT", "tenantId"), new("PERIOD", "billingPeriod"), new("REVISION", "revision"), new("FINAL", "final"),
        new("SCHEDULE", "schedule"), new("STATUS", "status"), new("CREATED", "createdAt"),
    ];

    private static readonly Column[] FileColumns = [new("NAME", "name"), new("BYTES", "bytes"), new("ROWS", "rows"), new("SHA256", "sha256")];

    public static Command Build(CliEnvironment environment)
    {
        var exports = new Command("exports", "FOCUS 1.2 exports of a tenant's billing period (Parquet, CSV and a manifest), for finance");
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's exports" };
        var period = new Option<string?>("--period") { Description = "Only this billing period (YYYY-MM)" };
        exports.Subcommands.Add(Listing.Command("list", "List the exports you may read, oldest first", environment, Columns, async (parse, s, cursor, limit, ct) =>
        {
            var page = await s.Client.Api.Exports.GetAsync(r =>
            {
                (r.QueryParameters.TenantId, r.QueryParameters.BillingPeriod) = (parse.GetValue(tenant), parse.GetValue(period));
                (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit);
            }, ct);
            return (page?.Items, page?.Next);
        }, tenant, period));

        var id = CommonOptions.Id("export");
        var show = new Command("show", "Show one export: status, files and manifest") { id };
        BrokerAction.Set(show, environment, async (parse, s, ct) =>
        {
            var export = (await s.Client.Api.Exports[parse.GetValue(id)!].GetAsync(cancellationToken: ct))!;
            if (s.Renderer.Format == OutputFormat.Table)
            {
                s.Renderer.One(await CliSession.JsonOf(export), Columns);
                s.Renderer.List([.. await Task.WhenAll((export.Files ?? []).Select(CliSession.JsonOf))], FileColumns);
            }
            else
            {
                s.Renderer.One(await CliSession.JsonOf(export));
            }

            return ExitCodes.Ok;
        });
        exports.Subcommands.Add(show);
        exports.Subcommands.Add(Request(environment));
        exports.Subcommands.Add(Download(environment));
        return exports;
    }

    private static Command Request(CliEnvironment environment)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant whose period to export", Required = true };
        var period = new Option<string>("--period") { Description = "The billing period, a UTC month (YYYY-MM)", Required = true };
        var wait = CommonOptions.Wait();
        var timeout = CommonOptions.Timeout();
        var request = new Command("request", "Request the next revision of a tenant's period (prints the operation; with --wait, the export once built)")
        {
            tenant, period, wait, timeout,
        };
        BrokerAction.Set(request, environment, async (parse, s, ct) =>
        {
            var body = new ExportRequest { TenantId = parse.GetValue(tenant), BillingPeriod = parse.GetValue(period) };
            var operation = (await s.Client.Api.Exports.PostAsync(body, CliSession.Idempotent, ct))!;
            if (!parse.GetValue(wait))
            {
                s.Renderer.One(await CliSession.JsonOf(operation), [new("OPERATION", "id"), new("KIND", "kind"), new("STATUS", "status"), new("EXPORT", "targetId")]);
                return ExitCodes.Ok;
            }

            var ended = await OperationWaiter.WaitAsync(s, operation, parse.GetValue(timeout), ct);
            var exit = OperationWaiter.Report(s, ended, operation, parse.GetValue(timeout));
            if (exit == ExitCodes.Ok)
            {
                s.Renderer.One(await CliSession.JsonOf((await s.Client.Api.Exports[operation.TargetId!].GetAsync(cancellationToken: ct))!), s.Renderer.Format == OutputFormat.Table ? Columns : null);
            }

            return exit;
        });
        return request;
    }

    /// <summary>
    /// <c>exports download ID [NAME] --to PATH</c>: one file to PATH (a folder keeps the file's name), or with no name
    /// every file of the export, the manifest included, into the folder PATH.
    /// </summary>
    private static Command Download(CliEnvironment environment)
    {
        var id = CommonOptions.Id("export");
        var name = new Argument<string?>("name") { Description = "The file (as 'exports show' lists it); all of them when left out", Arity = ArgumentArity.ZeroOrOne };
        var to = new Option<string>("--to") { Description = "Where to write: a file, or a folder (made if missing) that keeps the files' names", Required = true };
        var download = new Command("download", "Download an export's files") { id, name, to };
        BrokerAction.Set(download, environment, async (parse, s, ct) =>
        {
            var export = s.Client.Api.Exports[parse.GetValue(id)!];
            var target = parse.GetValue(to)!;
            var names = parse.GetValue(name) is { } one
                ? [one]
                : ((await export.GetAsync(cancellationToken: ct))!.Files ?? []).Select(f => f.Name!).ToList();
            if (names.Count > 1 || Directory.Exists(target) || Path.EndsInDirectorySeparator(target))
            {
                Directory.CreateDirectory(target);
            }

            foreach (var file in names)
            {
                // A name is the broker's: only its last segment is used, so a file never lands outside the target folder.
                var path = Directory.Exists(target) ? Path.Combine(target, Path.GetFileName(file)) : target;
                await using (var content = (await export.Files[file].GetAsync(cancellationToken: ct))!)
                await using (var written = File.Create(path))
                {
                    await content.CopyToAsync(written, ct);
                }

                s.Environment.Error.WriteLine($"{file} → {path} ({new FileInfo(path).Length} bytes)");
            }

            return ExitCodes.Ok;
        });
        return download;
    }
}
