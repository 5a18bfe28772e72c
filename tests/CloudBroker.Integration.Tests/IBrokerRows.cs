namespace CloudBroker.Integration.Tests;

/// <summary>The broker's own database, read from outside the broker: SQLite in the embedded mode, PostgreSQL when scaled out.</summary>
internal interface IBrokerRows
{
    /// <summary>The installation id that every machine the broker makes carries as a tag.</summary>
    string InstallationId();

    /// <summary>The broker's rows about instances, for a failure report (never throws: a read error is part of the text).</summary>
    string Describe(IEnumerable<string> instanceIds, int maxInstances = 8);
}
