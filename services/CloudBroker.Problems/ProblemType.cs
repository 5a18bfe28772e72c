namespace CloudBroker.Problems;

/// <summary>One documented problem type: its stable slug (the wire contract), title, status and explanation.</summary>
public sealed record ProblemType(string Slug, string Title, int Status, string Description)
{
    /// <summary>The <c>type</c> member of a problem document.</summary>
    public string Uri => "/problems/" + Slug;
}
