using System.CommandLine;
using CloudBroker.Cli.Connection;
using CloudBroker.Cli.Output;

namespace CloudBroker.Cli.Commands;

/// <summary>
/// The frame of every command that talks to the broker: find the profile, open the generated client, run, and turn
/// what went wrong into a readable message and its exit code (<see cref="ExitCodes"/>).
/// </summary>
internal static class BrokerAction
{
    public static void Set(Command command, CliEnvironment environment, Func<ParseResult, CliSession, CancellationToken, Task<int>> run) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (CliProfile.Resolve(environment.Variable) is not { } profile)
            {
                environment.Error.WriteLine(
                    $"error: no broker to talk to: run 'cloudbroker login --url <url>' or set {CliProfile.UrlVariable} and {CliProfile.KeyVariable}");
                return ExitCodes.NotAuthenticated;
            }

            var (client, http) = BrokerConnection.Open(profile, environment);
            using (http)
            {
                var session = new CliSession(client, new Renderer(environment.Output, parse.GetValue(CommonOptions.Output)), environment);
                return await RunAsync(() => run(parse, session, cancellationToken), environment.Error, profile.Url);
            }
        });

    /// <summary>Runs <paramref name="run"/>, reporting a refusal or an unreachable broker on <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> run, TextWriter error, string url)
    {
        try
        {
            return await run();
        }
        catch (BrokerProblemException refusal)
        {
            ProblemPresenter.Write(error, refusal);
            return ProblemPresenter.Exit(refusal.Status);
        }
        catch (HttpRequestException unreachable)
        {
            error.WriteLine($"error: cannot reach the broker at {url}: {unreachable.Message}");
            return ExitCodes.Unavailable;
        }
        catch (TaskCanceledException)
        {
            error.WriteLine($"error: the broker at {url} did not answer in time");
            return ExitCodes.Unavailable;
        }
    }
}
