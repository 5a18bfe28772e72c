using System.Text.Json.Nodes;
using CloudBroker.Cli.Client;
using CloudBroker.Cli.Output;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace CloudBroker.Cli;

/// <summary>One command's run against the broker: the generated client, where its output goes, and the environment.</summary>
internal sealed class CliSession(BrokerClient client, Renderer renderer, CliEnvironment environment)
{
    public BrokerClient Client { get; } = client;

    public Renderer Renderer { get; } = renderer;

    public CliEnvironment Environment { get; } = environment;

    /// <summary>A model as the JSON the CLI prints (the API's field names).</summary>
    public static async Task<JsonNode> JsonOf(IParsable model) =>
        JsonNode.Parse(await KiotaJsonSerializer.SerializeAsStringAsync(model, serializeOnlyChangedValues: false))!;

    /// <summary>Every POST and DELETE carries a fresh key, so Kiota's retry of a 429/503 cannot do the work twice.</summary>
    public static void Idempotent<T>(RequestConfiguration<T> configuration)
        where T : class, new() => configuration.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
}
