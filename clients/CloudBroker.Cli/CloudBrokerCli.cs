using System.CommandLine;
using CloudBroker.Cli.Commands;

namespace CloudBroker.Cli;

/// <summary>
/// <c>cloudbroker</c>: the broker's API from a shell, on the client generated from its OpenAPI document
/// (<c>Client/</c>, from <c>OpenApi/v1.json</c>; README: "Regenerating the client").
/// </summary>
public static class CloudBrokerCli
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliEnvironment.FromConsole());

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("cloudbroker: one command line for every CloudBroker provider") { CommonOptions.Output };
        foreach (var command in LoginCommands.Build(environment)
            .Concat(CatalogCommands.Build(environment))
            .Append(InstanceCommands.Build(environment))
            .Concat(AccountCommands.Build(environment))
            .Concat(FinanceCommands.Build(environment))
            .Append(ExportCommands.Build(environment))
            .Append(WebhookCommands.Build(environment))
            .Append(CompletionCommand.Build(environment)))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync("error: " + error.Message);
            }

            await environment.Error.WriteLineAsync("Run 'cloudbroker --help' (or '<command> --help') for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Output, Error = environment.Error }, cancellationToken);
    }
}
