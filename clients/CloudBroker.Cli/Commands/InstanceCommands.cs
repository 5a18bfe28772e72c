using System.CommandLine;
using CloudBroker.Cli.Client.Models;
using CloudBroker.Cli.Output;

namespace CloudBroker.Cli.Commands;

/// <summary><c>instances</c>: create, list, show, the actions (start, stop, reboot, delete) and the history.</summary>
internal static class InstanceCommands
{
    private static readonly Column[] Columns =
        [new("ID", "id"), new("NAME", "name"), new("PROVIDER", "providerId"), new("STATE", "state"), new("CPU", "cpu"), new("MEMORY MIB", "memoryMiB"), new("ADDRESSES", "addresses")];

    private static readonly Column[] OperationColumns =
        [new("OPERATION", "id"), new("KIND", "kind"), new("STATUS", "status"), new("TARGET", "targetId")];

    public static Command Build(CliEnvironment environment)
    {
        var instances = new Command("instances", "Virtual machines: create, list, act on and delete them");
        var provider = CommonOptions.Provider();
        var state = new Option<string?>("--state") { Description = "Only instances in this state (running, stopped, …)" };
        var name = new Option<string?>("--name") { Description = "Only instances of this name" };
        instances.Subcommands.Add(Listing.Command("list", "List instances", environment, Columns,
            async (parse, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Instances.GetAsync(r =>
                {
                    r.QueryParameters.ProviderId = parse.GetValue(provider);
                    r.QueryParameters.State = parse.GetValue(state);
                    r.QueryParameters.Name = parse.GetValue(name);
                    (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit);
                }, ct);
                return (page?.Items, page?.Next);
            }, provider, state, name));

        var id = CommonOptions.Id("instance");
        var show = new Command("show", "Show one instance, with the actions it allows now") { id };
        BrokerAction.Set(show, environment, async (parse, s, ct) =>
        {
            s.Renderer.One(await CliSession.JsonOf((await s.Client.Api.Instances[parse.GetValue(id)!].GetAsync(cancellationToken: ct))!));
            return ExitCodes.Ok;
        });
        instances.Subcommands.Add(show);
        instances.Subcommands.Add(Create(environment));
        instances.Subcommands.Add(Action(environment, "start", "Start a stopped instance", (s, i, ct) => s.Client.Api.Instances[i].Start.PostAsync(CliSession.Idempotent, ct)));
        instances.Subcommands.Add(Action(environment, "stop", "Stop a running instance", (s, i, ct) => s.Client.Api.Instances[i].Stop.PostAsync(CliSession.Idempotent, ct)));
        instances.Subcommands.Add(Action(environment, "reboot", "Reboot a running instance", (s, i, ct) => s.Client.Api.Instances[i].Reboot.PostAsync(CliSession.Idempotent, ct)));
        instances.Subcommands.Add(Action(environment, "delete", "Delete an instance (destroys the machine)", (s, i, ct) => s.Client.Api.Instances[i].DeleteAsync(CliSession.Idempotent, ct), showInstance: false));

        var eventsOf = CommonOptions.Id("instance");
        instances.Subcommands.Add(Listing.Command("events", "An instance's history: every state change and its cause", environment,
            [new("AT", "at"), new("FROM", "from"), new("TO", "to"), new("CAUSE", "cause"), new("OPERATION", "operationId")],
            async (parse, s, cursor, limit, ct) =>
            {
                var page = await s.Client.Api.Instances[parse.GetValue(eventsOf)!].Events.GetAsync(r => (r.QueryParameters.Cursor, r.QueryParameters.Limit) = (cursor, limit), ct);
                return (page?.Items, page?.Next);
            }, eventsOf));
        return instances;
    }

    private static Command Create(CliEnvironment environment)
    {
        var name = new Option<string>("--name") { Description = "Its name (an RFC 1123 label)", Required = true };
        var provider = new Option<string>("--provider") { Description = "The provider to create it at", Required = true };
        var image = new Option<string>("--image") { Description = "Image id (cloudbroker images list)", Required = true };
        var profile = new Option<string>("--hardware-profile") { Description = "Hardware profile id (cloudbroker hardware-profiles list)", Required = true };
        var realm = new Option<string?>("--realm") { Description = "Realm id (default: the provider's choice)" };
        var cpu = new Option<long?>("--cpu") { Description = "CPUs, where the profile offers a range or a set" };
        var memory = new Option<long?>("--memory-mib") { Description = "Memory in MiB, where the profile offers a range or a set" };
        var storage = new Option<long?>("--storage-gib") { Description = "Storage in GiB, where the profile offers a range or a set" };
        var key = new Option<string?>("--key") { Description = "SSH key id to install (cloudbroker keys list)" };
        var group = new Option<string?>("--group") { Description = "Group to charge (default: yours)" };
        var userData = new Option<FileInfo?>("--user-data") { Description = "File whose content is the machine's user data (cloud-init)" };
        var tags = new Option<string[]>("--tag") { Description = "A tag KEY=VALUE its usage carries (repeat for more)" };
        var wait = CommonOptions.Wait();
        var timeout = CommonOptions.Timeout();
        var create = new Command("create", "Create an instance (prints the operation; with --wait, the instance once running)")
        {
            name, provider, image, profile, realm, cpu, memory, storage, key, group, userData, tags, wait, timeout,
        };
        BrokerAction.Set(create, environment, async (parse, s, ct) =>
        {
            var request = new CreateInstanceRequest
            {
                Name = parse.GetValue(name),
                ProviderId = parse.GetValue(provider),
                ImageId = parse.GetValue(image),
                HardwareProfileId = parse.GetValue(profile),
                RealmId = parse.GetValue(realm),
                Cpu = parse.GetValue(cpu),
                MemoryMiB = parse.GetValue(memory),
                StorageGiB = parse.GetValue(storage),
                KeyId = parse.GetValue(key),
                GroupId = parse.GetValue(group),
                UserData = parse.GetValue(userData) is { } file ? await File.ReadAllTextAsync(file.FullName, ct) : null,
                Tags = parse.GetValue(tags) is { Length: > 0 } given
                    ? new CreateInstanceRequest_tags { AdditionalData = given.Select(t => t.Split('=', 2)).Reverse().DistinctBy(t => t[0]).ToDictionary(t => t[0], t => (object)(t.Length == 2 ? t[1] : "")) }
                    : null,
            };
            var operation = (await s.Client.Api.Instances.PostAsync(request, CliSession.Idempotent, ct))!;
            return await FinishAsync(s, operation, parse.GetValue(wait), parse.GetValue(timeout), ct);
        });
        return create;
    }

    private static Command Action(CliEnvironment environment, string verb, string description, Func<CliSession, string, CancellationToken, Task<OperationModel?>> act, bool showInstance = true)
    {
        var id = CommonOptions.Id("instance");
        var wait = CommonOptions.Wait();
        var timeout = CommonOptions.Timeout();
        var command = new Command(verb, description + " (prints the operation; with --wait, the instance once done)") { id, wait, timeout };
        BrokerAction.Set(command, environment, async (parse, s, ct) =>
            await FinishAsync(s, (await act(s, parse.GetValue(id)!, ct))!, parse.GetValue(wait), parse.GetValue(timeout), ct, showInstance));
        return command;
    }

    /// <summary>
    /// Without --wait prints the accepted operation; with it, waits and prints the instance as it ended up (a deletion:
    /// the ended operation).
    /// </summary>
    private static async Task<int> FinishAsync(CliSession s, OperationModel operation, bool wait, TimeSpan timeout, CancellationToken ct, bool showInstance = true)
    {
        if (!wait)
        {
            s.Renderer.One(await CliSession.JsonOf(operation), OperationColumns);
            return ExitCodes.Ok;
        }

        var ended = await OperationWaiter.WaitAsync(s, operation, timeout, ct);
        var exit = OperationWaiter.Report(s, ended, operation, timeout);
        if (exit == ExitCodes.Ok && !showInstance)
        {
            s.Renderer.One(await CliSession.JsonOf(ended!), OperationColumns);
        }
        else if (exit == ExitCodes.Ok)
        {
            var instance = await s.Client.Api.Instances[operation.TargetId!].GetAsync(cancellationToken: ct);
            s.Renderer.One(await CliSession.JsonOf(instance!), s.Renderer.Format == OutputFormat.Table ? Columns : null);
        }

        return exit;
    }
}
