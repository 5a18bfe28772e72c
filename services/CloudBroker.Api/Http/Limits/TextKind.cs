namespace CloudBroker.Api.Http.Limits;

/// <summary>What a string field may hold besides its length (<see cref="TextAttribute"/>).</summary>
public enum TextKind
{
    /// <summary>One line: no control characters (names of people, emails, subjects, descriptions, ids, SSH key lines).</summary>
    Line,

    /// <summary>An RFC 1123 label: the broker's names of things.</summary>
    Label,

    /// <summary>Money: a decimal string of at most 12 digits and 6 decimals (<c>"250.00"</c>).</summary>
    Amount,

    /// <summary>A unit price: a decimal string of at most 12 digits and 12 decimals (<c>"0.000109589"</c>).</summary>
    Price,

    /// <summary>Anything, control characters included (user data, credentials): only the length is limited.</summary>
    FreeText,
}
