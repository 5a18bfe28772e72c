namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// A channel the process's <see cref="NotificationHub"/> listens on, and what it does on hearing it: <paramref name="LookAgain"/>
/// runs on every notification, and after each (re)connection, since notifications sent while nobody listened are lost.
/// It runs on the hub's connection: it must be quick and must not block (a signal, a cache cleared).
/// </summary>
internal sealed record NotificationSubscription(string Channel, Action LookAgain);
