using System.CommandLine;
using System.Text.Json.Nodes;
using CloudBroker.Cli.Client.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using CloudBroker.Cli.Output;

namespace CloudBroker.Cli.Commands;

/// <summary><c>providers</c>, <c>images</c>, <c>hardware-profiles</c>, <c>realms</c>: what the broker can place machines on.</summary>
internal static class CatalogCommands
{
    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        var providers = new Command("providers", "Providers: configured accounts of a driver (mock, libvirt, ec2, azure)");
        providers.Subcommands.Add(Listing.Command("list", "List providers", environment,
            [new("ID", "id"), new("DRIVER", "driver"), new("STATUS", "status"), new("ORIGIN", "origin"), new("CAPABILITIES", "capabilities")],
            async (_, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Providers.GetAsync(r => (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit), ct);
                return (page?.Items, page?.Next);
            }));
        var id = CommonOptions.Id("provider");
        var show = new Command("show", "Show one provider") { id };
        BrokerAction.Set(show, environment, async (parse, s, ct) =>
        {
            s.Renderer.One(await CliSession.JsonOf((await s.Client.Api.Providers[parse.GetValue(id)!].GetAsync(cancellationToken: ct))!));
            return ExitCodes.Ok;
        });
        var testId = CommonOptions.Id("provider");
        var test = new Command("test", "Test a provider's connection and credentials (admins)") { testId };
        BrokerAction.Set(test, environment, async (parse, s, ct) =>
        {
            s.Renderer.One(await CliSession.JsonOf((await s.Client.Api.Providers[parse.GetValue(testId)!].Test.PostAsync(cancellationToken: ct))!));
            return ExitCodes.Ok;
        });
        providers.Subcommands.Add(show);
        providers.Subcommands.Add(test);
        providers.Subcommands.Add(CreateProvider(environment));
        var deleteId = CommonOptions.Id("provider");
        var delete = new Command("delete", "Delete a provider defined through the API that has no machines left (admins)") { deleteId };
        BrokerAction.Set(delete, environment, async (parse, s, ct) =>
        {
            await s.Client.Api.Providers[parse.GetValue(deleteId)!].DeleteAsync(CliSession.Idempotent, ct);
            s.Environment.Error.WriteLine($"provider {parse.GetValue(deleteId)} deleted");
            return ExitCodes.Ok;
        });
        providers.Subcommands.Add(delete);
        yield return providers;

        yield return Catalog("images", "Images each provider offers", environment,
            [new("ID", "id"), new("PROVIDER", "providerId"), new("NAME", "name"), new("ARCH", "architecture")],
            async (provider, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Images.GetAsync(r => (r.QueryParameters.ProviderId, r.QueryParameters.Cursor, r.QueryParameters.Limit) = (provider, cursor, limit), ct);
                return (page?.Items, page?.Next);
            });
        yield return Catalog("hardware-profiles", "Hardware profiles (cpu, memory, storage: fixed, a range or a set)", environment,
            [new("ID", "id"), new("PROVIDER", "providerId"), new("NAME", "name"), new("CPU", "properties.cpu", Property), new("MEMORY MIB", "properties.memoryMiB", Property), new("STORAGE GIB", "properties.storageGiB", Property)],
            async (provider, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.HardwareProfiles.GetAsync(r => (r.QueryParameters.ProviderId, r.QueryParameters.Cursor, r.QueryParameters.Limit) = (provider, cursor, limit), ct);
                return (page?.Items, page?.Next);
            });
        yield return Catalog("realms", "Realms: locations inside each provider", environment,
            [new("ID", "id"), new("PROVIDER", "providerId"), new("NAME", "name"), new("AVAILABLE", "available")],
            async (provider, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Realms.GetAsync(r => (r.QueryParameters.ProviderId, r.QueryParameters.Cursor, r.QueryParameters.Limit) = (provider, cursor, limit), ct);
                return (page?.Items, page?.Next);
            });
    }

    /// <summary>
    /// <c>providers create --file provider.json</c>: the body of <c>POST /api/providers</c> from a file (<c>-</c>: standard
    /// input), so credentials stay out of the command line; the answer shows them only as their key id.
    /// </summary>
    private static Command CreateProvider(CliEnvironment environment)
    {
        var file = new Option<string>("--file") { Description = "JSON file with id, driver, settings and credentials (- for standard input)", Required = true };
        var create = new Command("create", "Define a provider (admins; docs/api.md shows the body per driver)") { file };
        BrokerAction.Set(create, environment, async (parse, s, ct) =>
        {
            var path = parse.GetValue(file)!;
            var json = path == "-" ? await s.Environment.Input.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
            var request = await KiotaJsonSerializer.DeserializeAsync(json, ProviderRequest.CreateFromDiscriminatorValue, ct);
            var provider = await s.Client.Api.Providers.PostAsync(request!, CliSession.Idempotent, ct);
            s.Renderer.One(await CliSession.JsonOf(provider!));
            return ExitCodes.Ok;
        });
        return create;
    }

    /// <summary>A profile property as a person reads it: <c>1</c>, <c>512..8192 step 512</c>, <c>10|20|40</c>.</summary>
    private static string Property(JsonNode? property) => (string?)property?["kind"] switch
    {
        "fixed" => Renderer.Text(property!["value"]),
        "range" => $"{Renderer.Text(property!["min"])}..{Renderer.Text(property["max"])}" + (property["step"] is { } step ? $" step {Renderer.Text(step)}" : ""),
        "enum" => string.Join("|", property!["values"]!.AsArray().Select(Renderer.Text)),
        _ => Renderer.Text(property),
    };

    private delegate Task<(IEnumerable<Microsoft.Kiota.Abstractions.Serialization.IParsable>? Items, string? Next)> CatalogPage(
        string? provider, CliSession session, string? cursor, int? limit, CancellationToken cancellationToken);

    /// <summary>A catalog collection: <c>&lt;name&gt; list [--provider id]</c>.</summary>
    private static Command Catalog(string name, string description, CliEnvironment environment, IReadOnlyList<Column> columns, CatalogPage page)
    {
        var provider = CommonOptions.Provider();
        var command = new Command(name, description);
        command.Subcommands.Add(Listing.Command("list", "List " + name, environment, columns,
            (parse, s, cursor, limit, ct) => page(parse.GetValue(provider), s, cursor, limit, ct), provider));
        return command;
    }
}
