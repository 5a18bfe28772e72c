using Microsoft.AspNetCore.Http;

namespace CloudBroker.Testing.Ec2;

/// <summary>The form parameters of one Query API request, with EC2's numbered-list conventions (<c>Name.1</c>, <c>Name.2</c>…).</summary>
internal sealed class Ec2Request(IFormCollection form)
{
    public string Action => Optional("Action") ?? throw Ec2Fault.Missing("Action");

    public string? Optional(string name) => form.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value ? value : throw Ec2Fault.Missing(name);

    public int? Integer(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, out var value) ? value : throw Ec2Fault.Invalid($"Invalid value '{text}' for {name}");
    }

    /// <summary>Values of <c>prefix.1</c>, <c>prefix.2</c>, … in order, stopping at the first gap.</summary>
    public IReadOnlyList<string> List(string prefix)
    {
        var values = new List<string>();
        for (var i = 1; Optional($"{prefix}.{i}") is { } value; i++)
        {
            values.Add(value);
        }

        return values;
    }

    /// <summary>The <c>Filter.N.Name</c> / <c>Filter.N.Value.M</c> pairs.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Filters()
    {
        var filters = new List<(string, IReadOnlyList<string>)>();
        for (var i = 1; Optional($"Filter.{i}.Name") is { } name; i++)
        {
            filters.Add((name, List($"Filter.{i}.Value")));
        }

        return filters;
    }

    /// <summary>Tags of the <c>TagSpecification.N</c> whose ResourceType is <paramref name="resourceType"/>.</summary>
    public Dictionary<string, string> Tags(string resourceType)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; Optional($"TagSpecification.{i}.ResourceType") is { } type; i++)
        {
            if (type != resourceType)
            {
                continue;
            }

            for (var j = 1; Optional($"TagSpecification.{i}.Tag.{j}.Key") is { } key; j++)
            {
                tags[key] = Optional($"TagSpecification.{i}.Tag.{j}.Value") ?? string.Empty;
            }
        }

        return tags;
    }

    /// <summary>Every parameter but the ones named, sorted: what a ClientToken must keep meaning.</summary>
    public string Fingerprint(params string[] except) =>
        string.Join('&', form.Where(p => !except.Contains(p.Key, StringComparer.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
}
