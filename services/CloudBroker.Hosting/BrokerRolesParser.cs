namespace CloudBroker.Hosting;

internal static class BrokerRolesParser
{
    /// <summary>Reads a comma-separated list such as <c>api,worker</c>; an unknown role is refused by name.</summary>
    public static BrokerRoles Parse(string value)
    {
        var roles = BrokerRoles.None;
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= name.ToLowerInvariant() switch
            {
                "api" => BrokerRoles.Api,
                "worker" => BrokerRoles.Worker,
                _ => throw new BrokerConfigurationException($"CloudBroker__Roles={value}: unknown role '{name}' (roles are 'api' and 'worker', comma-separated)"),
            };
        }

        return roles == BrokerRoles.None
            ? throw new BrokerConfigurationException("CloudBroker__Roles is empty: name 'api', 'worker' or 'api,worker'")
            : roles;
    }
}
