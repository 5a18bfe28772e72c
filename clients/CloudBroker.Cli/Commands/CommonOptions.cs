using System.CommandLine;
using CloudBroker.Cli.Output;

namespace CloudBroker.Cli.Commands;

/// <summary>Options several commands share, made once so every command spells and documents them alike.</summary>
internal static class CommonOptions
{
    /// <summary><c>--output</c> on every command (recursive from the root).</summary>
    public static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "How to print answers: table (for people), json or yaml (for scripts)",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };

    public static Option<string?> Provider() => new("--provider") { Description = "Only this provider's (its id)" };

    public static Option<int?> Limit() => new("--limit") { Description = "Items per page (1–500; the broker's default is 50)" };

    public static Option<string?> Cursor() => new("--cursor") { Description = "Start at this page (the cursor a previous page gave)" };

    public static Option<bool> All() => new("--all") { Description = "Follow every page" };

    public static Option<bool> Wait() => new("--wait") { Description = "Wait until the operation ends (progress on a terminal); exit 7 if it fails" };

    public static Option<TimeSpan> Timeout() => new("--timeout")
    {
        Description = "How long --wait waits (e.g. 00:05:00); exit 8 when it runs out (the operation goes on)",
        DefaultValueFactory = _ => TimeSpan.FromMinutes(10),
    };

    public static Argument<string> Id(string what) => new("id") { Description = $"The {what}'s id" };
}
