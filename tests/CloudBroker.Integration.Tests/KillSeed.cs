using System.Globalization;

namespace CloudBroker.Integration.Tests;

/// <summary>The seed of a kill scenario: <c>CB_KILL_SEED</c> replays a logged run, else a fresh one.</summary>
internal static class KillSeed
{
    public static int FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("CB_KILL_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next(1, int.MaxValue);
}
