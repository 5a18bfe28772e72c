namespace CloudBroker.Problems;

/// <summary>
/// A request refused with a documented problem. Thrown by the domain, turned into
/// <c>application/problem+json</c> once, at the edge.
/// </summary>
public sealed class ProblemException : Exception
{
    public ProblemException(ProblemType type, string detail, IReadOnlyList<FieldError>? errors = null, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(detail)
    {
        Type = type;
        Errors = errors ?? [];
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public ProblemException()
        : this(ProblemTypes.Internal, "internal error")
    {
    }

    public ProblemException(string message)
        : this(ProblemTypes.Internal, message)
    {
    }

    public ProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Type = ProblemTypes.Internal;
        Errors = [];
        Extensions = new Dictionary<string, object?>();
    }

    public ProblemType Type { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public IReadOnlyDictionary<string, object?> Extensions { get; }

    /// <summary>
    /// What an admin is told instead of the detail, when it says more than other roles may read (a provider's own
    /// answer, its settings). The edge shows it to admins only.
    /// </summary>
    public string? AdminDetail { get; init; }

    public static ProblemException Invalid(string pointer, string detail, FieldLimit? limit = null) =>
        new(ProblemTypes.Validation, detail, [new FieldError(pointer, detail, limit)]);

    public static ProblemException InvalidParameter(string parameter, string detail, FieldLimit? limit = null) =>
        new(ProblemTypes.Validation, $"query parameter '{parameter}' {detail}", [FieldError.ForParameter(parameter, detail, limit)]);

    public static ProblemException UnsupportedCapability(string capability, string detail) =>
        new(ProblemTypes.UnsupportedCapability, detail, extensions: new Dictionary<string, object?> { ["capability"] = capability });

    public static ProblemException NotFound(string what) => new(ProblemTypes.NotFound, what + " was not found");
}
