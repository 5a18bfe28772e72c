namespace CloudBroker.Hosting;

/// <summary>The body of <c>/healthz</c> and <c>/readyz</c>, on the API and the worker host alike.</summary>
public sealed record HealthModel(string Status, IReadOnlyDictionary<string, string> Checks);
