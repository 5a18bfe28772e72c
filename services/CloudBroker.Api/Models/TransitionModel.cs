namespace CloudBroker.Api.Models;

/// <summary>An edge: taken by a user <c>action</c>, or by a provider or broker <c>event</c>.</summary>
public sealed record TransitionModel(string From, string To, string? Action, string? Event);
