using System.Security.Claims;
using System.Text.Json;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence.Transient;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CloudBroker.Api.Http;

/// <summary>
/// The one place exceptions become problem documents: domain refusals, malformed or oversized
/// bodies, wrong content types, a database that is busy for now (<c>503 database-busy</c> with
/// <c>Retry-After</c>, never a 500); anything else is an <c>internal</c> problem with no details leaked.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems, TransientDatabaseErrors databaseErrors, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => p,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                new ProblemException(ProblemTypes.UnsupportedMediaType, "send the body as 'Content-Type: application/json'"),
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                new ProblemException(ProblemTypes.Validation, "a JSON body is required", [new FieldError("", "a JSON body is required")]),
            BadHttpRequestException bad => new ProblemException(ProblemTypes.Validation, bad.Message),
            _ => null,
        };
        if (problem is null && databaseErrors.Classify(exception) is var failure and not DatabaseFailure.None)
        {
            LogDatabaseBusy(logger, failure, httpContext.Request.Method, httpContext.Request.Path.ToString(), exception);
            problem = DatabaseBusy(failure);
            httpContext.Response.Headers.RetryAfter = DatabaseRetry.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (problem is null)
        {
            LogUnhandled(logger, exception);
            problem = new ProblemException(ProblemTypes.Internal, "an unexpected error occurred; it was logged");
        }

        httpContext.Response.StatusCode = problem.Type.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = ToDetails(problem, admin: httpContext.User.HasClaim(ClaimTypes.Role, Roles.Admin)),
            Exception = exception,
        });
    }

    /// <param name="admin">Whether the caller is an admin, who is told <see cref="ProblemException.AdminDetail"/> where there is one.</param>
    public static ProblemDetails ToDetails(ProblemException problem, bool admin)
    {
        var details = new ProblemDetails
        {
            Type = problem.Type.Uri,
            Title = problem.Type.Title,
            Status = problem.Type.Status,
            Detail = admin && problem.AdminDetail is { } full ? full : problem.Message,
        };
        if (problem.Errors.Count > 0)
        {
            details.Extensions["errors"] = problem.Errors;
        }

        foreach (var (name, value) in problem.Extensions)
        {
            details.Extensions[name] = value;
        }

        return details;
    }

    public static ProblemException TooLarge() => new(ProblemTypes.PayloadTooLarge,
        $"the request body is larger than {RequestLimits.MaxBodyBytes} bytes",
        extensions: new Dictionary<string, object?> { ["limit"] = RequestLimits.MaxBodyBytes });

    private static ProblemException DatabaseBusy(DatabaseFailure failure) => new(ProblemTypes.DatabaseBusy,
        failure == DatabaseFailure.Contention
            ? "the request kept conflicting with concurrent ones in the database; retry shortly"
            : "the database cannot take more work at the moment; retry shortly",
        extensions: new Dictionary<string, object?> { ["retryAfter"] = DatabaseRetry.RetryAfterSeconds });

    private static ProblemException FromJson(JsonException json)
    {
        var pointer = ToPointer(json.Path);
        var detail = json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a property of this request"
            : json.Message.Contains("Duplicate propert", StringComparison.Ordinal) ? "is given more than once (names are not case-sensitive)"
            : json.Path is null or "$" ? "is not valid JSON" : "has the wrong type or is malformed";
        return new ProblemException(ProblemTypes.Validation, (pointer.Length == 0 ? "the body" : pointer) + " " + detail, [new FieldError(pointer, detail)]);
    }

    /// <summary><c>$.memoryMiB</c> → <c>/memoryMiB</c>, <c>$['a b']</c> → <c>/a b</c>.</summary>
    private static string ToPointer(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        trimmed = trimmed.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal)
            .Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        return "/" + string.Join('/', trimmed.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database busy ({Failure}): {Method} {Path} answered 503 database-busy")]
    private static partial void LogDatabaseBusy(ILogger logger, DatabaseFailure failure, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
