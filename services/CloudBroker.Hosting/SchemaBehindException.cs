namespace CloudBroker.Hosting;

/// <summary>The database's schema is older than this version and migrations are an operator's step: the message says how to apply them.</summary>
public sealed class SchemaBehindException(string message) : Exception(message);
