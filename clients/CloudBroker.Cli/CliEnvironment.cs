namespace CloudBroker.Cli;

/// <summary>
/// What a run of the CLI meets outside itself: its streams, whether a person watches (progress is drawn only then),
/// its environment variables and stdin, and the HTTP handler that reaches the broker (a test's in-process server).
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Output { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>Whether standard error is a terminal: <c>--wait</c> draws its progress there only then.</summary>
    public bool IsTerminal { get; init; }

    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The innermost handler, which sends requests (a new <see cref="SocketsHttpHandler"/> when null).</summary>
    public Func<HttpMessageHandler>? Transport { get; init; }

    /// <summary>How often <c>--wait</c> asks for an operation's status.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static CliEnvironment FromConsole() => new()
    {
        Output = Console.Out,
        Error = Console.Error,
        Input = Console.In,
        IsTerminal = !Console.IsErrorRedirected,
    };
}
