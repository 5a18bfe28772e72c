namespace CloudBroker.Drivers.Mock;

/// <summary>Range checks for <see cref="MockDriverOptions"/>; each message names the setting's configuration key.</summary>
internal static class MockDriverOptionsValidator
{
    public static List<string> Validate(MockDriverOptions options)
    {
        var errors = new List<string>();
        NotNegative(errors, nameof(options.BootDelay), options.BootDelay);
        NotNegative(errors, nameof(options.StopDelay), options.StopDelay);
        NotNegative(errors, nameof(options.StartDelay), options.StartDelay);
        NotNegative(errors, nameof(options.RebootDelay), options.RebootDelay);
        NotNegative(errors, nameof(options.DestroyDelay), options.DestroyDelay);
        NotNegative(errors, nameof(options.TerminatedRetention), options.TerminatedRetention);
        NotNegative(errors, nameof(options.Latency), options.Latency);

        foreach (var verb in Enum.GetValues<MockVerb>())
        {
            var faults = options.Faults.For(verb);
            var prefix = $"Faults:{verb}:";
            Rate(errors, prefix + nameof(faults.FailureRate), faults.FailureRate);
            Rate(errors, prefix + nameof(faults.ThrottleRate), faults.ThrottleRate);
            Rate(errors, prefix + nameof(faults.FailAfterCreateRate), faults.FailAfterCreateRate);
            Rate(errors, prefix + nameof(faults.StuckPendingRate), faults.StuckPendingRate);
            NotNegative(errors, prefix + nameof(faults.ThrottleRetryAfter), faults.ThrottleRetryAfter);
            if (verb != MockVerb.Create && (faults.FailAfterCreateRate != 0 || faults.StuckPendingRate != 0))
            {
                errors.Add($"{prefix}FailAfterCreateRate and {prefix}StuckPendingRate apply to Create only");
            }
        }

        foreach (var id in Split(options.DisabledCapabilities))
        {
            if (!Capability.All.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"DisabledCapabilities names unknown capability '{id}' (known: {string.Join(", ", Capability.All)})");
            }
        }

        return errors;
    }

    /// <summary>The known capability ids in a comma list, in their canonical spelling.</summary>
    public static IEnumerable<string> ParseCapabilities(string? list) =>
        Split(list).Select(id => Capability.All.FirstOrDefault(c => c.Equals(id, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>();

    private static string[] Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Rate(List<string> errors, string key, double value)
    {
        // Written so that NaN fails too.
        if (!(value >= 0 && value <= 1))
        {
            errors.Add($"{key} must be between 0 and 1 (got {value})");
        }
    }

    private static void NotNegative(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{key} must not be negative (got {value})");
        }
    }
}
