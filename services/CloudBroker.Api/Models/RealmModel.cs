namespace CloudBroker.Api.Models;

public sealed record RealmModel(string Id, string ProviderId, string Name, bool Available);
