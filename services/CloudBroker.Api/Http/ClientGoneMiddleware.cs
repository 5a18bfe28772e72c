using Microsoft.AspNetCore.Connections.Features;

namespace CloudBroker.Api.Http;

/// <summary>
/// When the client went away in the middle of a request (it closed the connection before sending the whole body),
/// no next request is read from that connection. Otherwise Kestrel tries, from a body reader it left mid-read, and
/// logs "Connection processing ended abnormally" with a six-line stack trace for every such request
/// (dotnet/aspnetcore#17840): anyone with a key could flood the log with it. The failed read is what tells
/// (the request's abort token is signalled later, from the thread pool).
/// </summary>
internal sealed class ClientGoneMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var body = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 ? new WatchedBodyStream(request.Body) : null;
        if (body is not null)
        {
            request.Body = body;
        }

        try
        {
            await next(context);
        }
        finally
        {
            if (body?.ReadFailed == true || context.RequestAborted.IsCancellationRequested)
            {
                context.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
            }
        }
    }
}
