using System.Text.RegularExpressions;
using CloudBroker.Problems;

namespace CloudBroker.Provisioning.Instances;

/// <summary>Names of things are broker-wide RFC 1123 labels, checked here for every provider.</summary>
public static partial class ResourceName
{
    public const int MaxLength = 63;

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static void Check(string? name, string pointer)
    {
        if (!IsValid(name))
        {
            throw ProblemException.Invalid(pointer,
                "must be an RFC 1123 label: 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit",
                new FieldLimit(MaxLength: MaxLength));
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Pattern();
}
