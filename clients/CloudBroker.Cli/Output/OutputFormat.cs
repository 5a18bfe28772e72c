namespace CloudBroker.Cli.Output;

/// <summary><c>--output</c>: a table for people, JSON or YAML (the API's own field names) for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Yaml,
}
