namespace CloudBroker.Drivers.Mock;

/// <summary>
/// The optional <c>Credentials</c> section of a mock provider. As in Deltacloud's mock driver, a provider that has
/// one accepts only user <c>mockuser</c> with password <c>mockpassword</c>: every call with anything else is refused
/// as an authentication failure, so credential handling can be tested end to end. Without the section no
/// credentials are asked for.
/// </summary>
public sealed class MockCredentials
{
    public const string AcceptedUsername = "mockuser";

    public const string AcceptedPassword = "mockpassword";

    public string? Username { get; set; }

    public string? Password { get; set; }

    internal bool AreAccepted => Username == AcceptedUsername && Password == AcceptedPassword;
}
