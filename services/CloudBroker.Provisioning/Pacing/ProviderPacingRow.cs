namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// One shared request budget: a provider's, or one kind of its calls' (key <c>&lt;id&gt;/&lt;kind&gt;</c>), kept as
/// the time its next token is due and the shift of its clock (<see cref="CellRate"/>), in seconds since the Unix
/// epoch, so a take is one UPDATE … RETURNING on every database.
/// </summary>
public sealed class ProviderPacingRow
{
    public required string ProviderId { get; init; }

    public double NextDueAt { get; set; }

    /// <summary>How far the bucket's clock is behind ours: one interval per throttle the provider answered.</summary>
    public double Shift { get; set; }
}
