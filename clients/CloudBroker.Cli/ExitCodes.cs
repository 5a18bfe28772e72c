namespace CloudBroker.Cli;

/// <summary>What <c>cloudbroker</c> exits with (README: "Exit codes"); scripts branch on these, so they never change meaning.</summary>
public static class ExitCodes
{
    /// <summary>Done (with <c>--wait</c>: the operation succeeded).</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected: a bug in the CLI or an answer it cannot read.</summary>
    public const int Unexpected = 1;

    /// <summary>The command line is wrong (unknown command or option, a missing or malformed value).</summary>
    public const int Usage = 2;

    /// <summary>No broker or key to use (run <c>cloudbroker login</c>), or the broker refused the key (401).</summary>
    public const int NotAuthenticated = 3;

    /// <summary>The broker refused the request: validation, forbidden, conflict, quota exceeded, precondition, rate limit.</summary>
    public const int Refused = 4;

    /// <summary>The thing named does not exist (or is not yours to see).</summary>
    public const int NotFound = 5;

    /// <summary>The broker or a provider is unavailable: a 5xx answer, or no answer at all.</summary>
    public const int Unavailable = 6;

    /// <summary>With <c>--wait</c>: the operation ended failed or cancelled.</summary>
    public const int OperationFailed = 7;

    /// <summary>With <c>--wait</c>: the operation had not ended when <c>--timeout</c> ran out (it goes on).</summary>
    public const int WaitTimedOut = 8;
}
