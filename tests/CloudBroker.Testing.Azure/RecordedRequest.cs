namespace CloudBroker.Testing.Azure;

/// <summary>One request as it reached the fake, for wire-level assertions.</summary>
/// <param name="Kind">The counter kind (see <see cref="ArmFakeCounters"/>), or <c>other</c>.</param>
/// <param name="PathAndQuery">The path and query string as sent.</param>
/// <param name="Body">The request body as text (empty when none).</param>
/// <param name="Status">The status code the fake answered.</param>
public sealed record RecordedRequest(string Kind, string Method, string PathAndQuery, string Body, int Status);
