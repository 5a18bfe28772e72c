namespace CloudBroker.Identity;

/// <summary>Role names (the tenancy issue adds tenant-admin, member, finance and auditor).</summary>
public static class Roles
{
    public const string Admin = "admin";
}
