namespace CloudBroker.Api.Models;

/// <summary>The documentation of one problem type, served at <c>/problems/{slug}</c>.</summary>
public sealed record ProblemTypeModel(string Type, string Title, int Status, string Description);
