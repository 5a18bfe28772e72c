using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// A broker whose throttle of failed authentications never closes: these tests send a wrong key to every route, several
/// times over, and mean to see each refused as unauthenticated, not throttled (the throttle has its own tests).
/// </summary>
public sealed class AuthenticationFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings) =>
        settings["CloudBroker:RateLimits:FailedAuthentication:Burst"] = "1000000";
}
