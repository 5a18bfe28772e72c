namespace CloudBroker.Persistence.Saving;

/// <summary>
/// What a <see cref="ISaveStep"/> runs inside the save's transaction, after EF wrote the save's rows and before the
/// commit. An exception rolls the whole save back (a transaction the save opened) or is the caller's to roll back.
/// </summary>
public delegate Task BeforeCommit(CancellationToken cancellationToken);
