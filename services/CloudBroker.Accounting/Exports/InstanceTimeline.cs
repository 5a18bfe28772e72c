namespace CloudBroker.Accounting.Exports;

/// <summary>Each instance's usage facts in start order: what was in force at a moment is the last that began before it.</summary>
internal sealed class InstanceTimeline(Dictionary<string, List<InstanceFacts>> byInstance)
{
    /// <summary>The facts of the last interval that began before <paramref name="before"/>; null when none did.</summary>
    public InstanceFacts? At(string instanceId, DateTime before)
    {
        if (!byInstance.TryGetValue(instanceId, out var facts))
        {
            return null;
        }

        InstanceFacts? found = null;
        foreach (var fact in facts)
        {
            if (fact.From >= before)
            {
                break;
            }

            found = fact;
        }

        return found;
    }
}
