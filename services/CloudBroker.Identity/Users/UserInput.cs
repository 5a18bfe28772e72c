namespace CloudBroker.Identity.Users;

/// <summary>
/// What a caller asks to set on a user (the body of <c>POST</c>, <c>PUT</c> and <c>PATCH /api/users</c>): a property left
/// <c>null</c> is not given (kept, or on a replacement cleared; see <see cref="UserChanges.CheckAsync"/>).
/// </summary>
public sealed record UserInput(
    string? Name = null,
    string? Email = null,
    string[]? Roles = null,
    string[]? GroupIds = null,
    string? DefaultGroupId = null,
    string? Subject = null,
    bool? Disabled = null);
