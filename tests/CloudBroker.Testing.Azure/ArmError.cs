using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CloudBroker.Testing.Azure;

/// <summary>An ARM error answer: <c>{"error":{"code","message"}}</c> with its status code.</summary>
internal sealed record ArmError(int Status, string Code, string Message)
{
    public static ArmError NotFound(string name) =>
        new(404, "ResourceNotFound", $"The Resource 'Microsoft.Compute/virtualMachines/{name}' under resource group was not found.");

    public static ArmError Invalid(string message, string? target = null) =>
        new(400, "InvalidParameter", target is null ? message : $"{message} Target: '{target}'.");

    public static ArmError NotAllowed(string message) => new(409, "OperationNotAllowed", message);

    public JsonObject ToJson() => new() { ["error"] = new JsonObject { ["code"] = Code, ["message"] = Message } };

    public Task WriteAsync(HttpResponse response) => ArmJson.WriteAsync(response, Status, ToJson());
}

/// <summary>Writes JSON answers the way ARM does (camelCase as given, <c>application/json</c>).</summary>
internal static class ArmJson
{
    public static Task WriteAsync(HttpResponse response, int status, JsonNode body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(body.ToJsonString(Options));
    }

    private static readonly JsonSerializerOptions Options = new();
}
