using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CloudBroker.Testing.Azure;

/// <summary>Microsoft.Compute virtualMachines and its operation status endpoint, over the <see cref="VmStore"/>.</summary>
internal sealed class VmEndpoints(ArmFakeOptions options, VmStore store, ArmFakeCounters counters)
{
    public const string ApiVersion = "2023-07-01";

    private string ResourceGroupId => $"/subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}";

    public async Task PutAsync(HttpContext context, string name, string body)
    {
        JsonObject? request;
        try
        {
            request = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        var refusal = request is null
            ? new ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.")
            : VmRequestCheck.Check(request, options);
        if (refusal is not null)
        {
            await refusal.WriteAsync(context.Response);
            return;
        }

        var result = store.Put(name, request!);
        if (result.Error is { } error)
        {
            await error.WriteAsync(context.Response);
            return;
        }

        if (result.Created && options.FailAfterCreate)
        {
            // The VM exists now; the caller only learns that something went wrong.
            counters.CountServerError();
            await new ArmError(500, "InternalServerError", "An internal execution error occurred. Please retry later.").WriteAsync(context.Response);
            return;
        }

        if (result.Operation is { } operation)
        {
            context.Response.Headers["Azure-AsyncOperation"] = OperationUri(context, operation);
        }

        await ArmJson.WriteAsync(context.Response, result.Created ? 201 : 200, VmJson.Render(result.Vm!, ResourceGroupId, instanceView: false));
    }

    public Task GetAsync(HttpContext context, string name)
    {
        var expand = context.Request.Query["$expand"].ToString();
        return store.Get(name) is { } vm
            ? ArmJson.WriteAsync(context.Response, 200, VmJson.Render(vm, ResourceGroupId, IsInstanceView(expand)))
            : ArmError.NotFound(name).WriteAsync(context.Response);
    }

    public Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var expand = query["$expand"].ToString();
        var after = query["$skiptoken"].ToString();
        var (page, more) = store.List(after.Length == 0 ? null : after, Math.Max(1, options.PageSize));
        var body = new JsonObject
        {
            ["value"] = new JsonArray([.. page.Select(vm => (JsonNode)VmJson.Render(vm, ResourceGroupId, IsInstanceView(expand)))]),
        };
        if (more)
        {
            var next = $"{ResourceGroupId}/providers/Microsoft.Compute/virtualMachines?api-version={ApiVersion}"
                + (expand.Length > 0 ? $"&$expand={Uri.EscapeDataString(expand)}" : "")
                + $"&$skiptoken={Uri.EscapeDataString(page[^1].Name)}";
            body["nextLink"] = new Uri(BaseUri(context), next).AbsoluteUri;
        }

        return ArmJson.WriteAsync(context.Response, 200, body);
    }

    public Task DeleteAsync(HttpContext context, string name)
    {
        var result = store.Delete(name);
        if (result.Operation is not { } operation)
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }

        return Accepted(context, operation);
    }

    public Task ActAsync(HttpContext context, string name, string action)
    {
        var result = store.Act(name, action);
        return result.Error is { } error ? error.WriteAsync(context.Response) : Accepted(context, result.Operation!);
    }

    public Task OperationAsync(HttpContext context, string id)
    {
        if (store.Operation(id) is not { } operation)
        {
            return new ArmError(404, "NotFound", $"The operation '{id}' was not found.").WriteAsync(context.Response);
        }

        var now = options.Time.GetUtcNow();
        var status = operation.StatusAt(now);
        var body = new JsonObject { ["name"] = operation.Id, ["status"] = status, ["startTime"] = operation.Started.ToString("O") };
        if (status == "Succeeded")
        {
            body["endTime"] = operation.DoneAt!.Value.ToString("O");
        }

        return ArmJson.WriteAsync(context.Response, 200, body);
    }

    private Task Accepted(HttpContext context, FakeOperation operation)
    {
        context.Response.StatusCode = 202;
        context.Response.Headers["Azure-AsyncOperation"] = OperationUri(context, operation);
        return Task.CompletedTask;
    }

    /// <summary>Links point back at the host the client used, as ARM's do.</summary>
    private static Uri BaseUri(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}/");

    private string OperationUri(HttpContext context, FakeOperation operation) =>
        new Uri(BaseUri(context), $"/subscriptions/{options.SubscriptionId}/providers/Microsoft.Compute/locations/{options.Location}/operations/{operation.Id}?api-version={ApiVersion}").AbsoluteUri;

    private static bool IsInstanceView(string expand) => expand.Equals("instanceView", StringComparison.OrdinalIgnoreCase);
}
