namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// One shared request budget: a provider's, or one kind of its calls' (key <c>&lt;id&gt;/&lt;kind&gt;</c>), kept as
/// the time its next token is due (<see cref="CellRate"/>), in seconds since the Unix epoch, so a take is one
/// UPDATE … RETURNING on every database.
/// </summary>
public sealed class ProviderPacingRow
{
    public required string ProviderId { get; init; }

    public double NextDueAt { get; set; }
}
