using System.CommandLine;
using System.Text.Json.Nodes;
using CloudBroker.Cli.Output;
using Microsoft.Kiota.Abstractions.Serialization;

namespace CloudBroker.Cli.Commands;

/// <summary>
/// A list command over the API's pages (<c>{"items": [...], "next": cursor}</c>): one page, or every page with
/// <c>--all</c>. Prints the items (a JSON/YAML array, or table rows); when more remain, says how to get them on stderr.
/// </summary>
internal sealed class Listing
{
    private readonly Option<int?> _limit = CommonOptions.Limit();
    private readonly Option<string?> _cursor = CommonOptions.Cursor();
    private readonly Option<bool> _all = CommonOptions.All();

    public delegate Task<(IEnumerable<IParsable>? Items, string? Next)> Page(ParseResult parse, CliSession session, string? cursor, int? limit, CancellationToken cancellationToken);

    /// <summary>A page whose items the command shapes itself (adds what the answer holds beside its items).</summary>
    public delegate Task<(IEnumerable<JsonNode> Items, string? Next)> JsonPage(ParseResult parse, CliSession session, string? cursor, int? limit, CancellationToken cancellationToken);

    /// <summary>A list command; <paramref name="filters"/> are its own options and arguments (a filter, the instance whose events).</summary>
    public static Command Command(string name, string description, CliEnvironment environment, IReadOnlyList<Column> columns, Page page, params Symbol[] filters) =>
        Command(name, description, environment, columns, async (parse, session, cursor, limit, ct) =>
        {
            var (items, next) = await page(parse, session, cursor, limit, ct);
            return (await Task.WhenAll((items ?? []).Select(CliSession.JsonOf)), next);
        }, filters);

    /// <summary>A list command over pages of items already in JSON.</summary>
    public static Command Command(string name, string description, CliEnvironment environment, IReadOnlyList<Column> columns, JsonPage page, params Symbol[] filters)
    {
        var listing = new Listing();
        var command = new Command(name, description) { listing._limit, listing._cursor, listing._all };
        foreach (var filter in filters)
        {
            if (filter is Argument argument)
            {
                command.Arguments.Add(argument);
            }
            else
            {
                command.Options.Add((Option)filter);
            }
        }

        BrokerAction.Set(command, environment, (parse, session, ct) => listing.RunAsync(parse, session, columns, page, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CliSession session, IReadOnlyList<Column> columns, JsonPage page, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        var cursor = parse.GetValue(_cursor);
        var all = parse.GetValue(_all);
        do
        {
            var (pageItems, next) = await page(parse, session, cursor, parse.GetValue(_limit), cancellationToken);
            foreach (var item in pageItems)
            {
                items.Add(item);
            }

            cursor = next;
        }
        while (all && cursor is not null);

        session.Renderer.List(items, columns);
        if (cursor is not null)
        {
            session.Environment.Error.WriteLine($"(more: --cursor {cursor}, or --all)");
        }

        return ExitCodes.Ok;
    }
}
