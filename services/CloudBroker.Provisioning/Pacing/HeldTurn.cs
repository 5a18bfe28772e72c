using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// A request token a caller was given for a later turn and holds until it comes back: for a call of
/// <paramref name="Kind"/> (each kind may have a bucket of its own), at <paramref name="At"/> in the bucket's own time
/// (<see cref="PacingTurn.At"/>). A workflow step keeps it on its operation's row, so the step that comes back — a
/// timer row, or the sweeper's re-drive — finds it and takes no second token.
/// </summary>
public readonly record struct HeldTurn(ProviderCallKind Kind, double At);
