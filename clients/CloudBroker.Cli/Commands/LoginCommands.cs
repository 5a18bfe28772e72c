using System.CommandLine;
using CloudBroker.Cli.Connection;

namespace CloudBroker.Cli.Commands;

/// <summary><c>login</c> (check a URL and key against the broker, then store them in a file only you can read) and <c>logout</c>.</summary>
internal static class LoginCommands
{
    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        var url = new Option<string>("--url") { Description = "The broker's URL (e.g. https://broker.example.com)", Required = true };
        url.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError("--url must be an absolute http or https URL");
            }
        });
        var key = new Option<string?>("--key") { Description = "The API key (visible to other users in the process list: prefer --key-stdin)" };
        var keyStdin = new Option<bool>("--key-stdin") { Description = "Read the API key from standard input" };
        var login = new Command("login", $"Check a broker URL and API key, then store them (0600) for later commands; {CliProfile.UrlVariable} and {CliProfile.KeyVariable} override them")
        {
            url, key, keyStdin,
        };
        login.SetAction(async (parse, ct) =>
        {
            var apiKey = parse.GetValue(keyStdin) ? (await environment.Input.ReadLineAsync(ct))?.Trim() : parse.GetValue(key);
            if (string.IsNullOrEmpty(apiKey))
            {
                environment.Error.WriteLine("error: give the API key with --key-stdin (or --key)");
                return ExitCodes.Usage;
            }

            var profile = new CliProfile(parse.GetValue(url)!.TrimEnd('/'), apiKey);
            var (client, http) = BrokerConnection.Open(profile, environment);
            using (http)
            {
                return await BrokerAction.RunAsync(async () =>
                {
                    var me = await client.Api.Me.GetAsync(cancellationToken: ct);
                    var path = CliProfile.PathFrom(environment.Variable);
                    profile.Write(path);
                    environment.Output.WriteLine($"Logged in to {profile.Url} as {me?.Name} (user {me?.UserId}, tenant {me?.TenantId}); saved in {path}");
                    return ExitCodes.Ok;
                }, environment.Error, profile.Url);
            }
        });
        yield return login;

        var logout = new Command("logout", "Forget the stored URL and key");
        logout.SetAction(_ =>
        {
            var path = CliProfile.PathFrom(environment.Variable);
            File.Delete(path);
            environment.Output.WriteLine($"Removed {path}");
            return ExitCodes.Ok;
        });
        yield return logout;
    }
}
