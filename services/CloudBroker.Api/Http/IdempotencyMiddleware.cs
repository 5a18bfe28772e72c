using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudBroker.Hosting;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Idempotency;
using CloudBroker.Persistence.Transient;
using CloudBroker.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST and DELETE (IETF httpapi draft): the key is claimed first (so a
/// concurrent retry gets <c>409 idempotency-in-flight</c>), then the request runs in one transaction
/// with the completion of its record and the response, so effects and the replayable response commit
/// together. A claim left by a dead process expires with its lease and is taken over; nothing it did
/// was committed.
/// <para>
/// The request holds one connection from the claim to the commit, so a busy database (no connection to be had) is met
/// before the key is claimed. A run that lost a race in the database is rolled back and run again in a new transaction,
/// under the same claim (<see cref="DatabaseRetry"/>). Any other failure releases the key, so a retry runs afresh —
/// except when the connection broke: a commit whose outcome is unknown keeps its claim on purpose, and a broken connection
/// cannot release one; the claim then stays until its lease ends, and a retry after that finds either the committed
/// answer or takes the key over.
/// </para>
/// </summary>
internal sealed partial class IdempotencyMiddleware(
    RequestDelegate next,
    TimeProvider time,
    IOptions<IdempotencyOptions> options,
    IOptions<BrokerSettings> settings,
    TransientDatabaseErrors errors,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";

    private static readonly string[] ReplayedHeaders = ["Location", "Operation-Location", "Content-Type", "ETag"];

    public async Task InvokeAsync(HttpContext context, BrokerDbContext db)
    {
        if (!(HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method))
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        if (SecretResponse.IsDeclaredBy(context))
        {
            throw new ProblemException(ProblemTypes.Validation,
                $"this request creates a secret that is shown once and stored nowhere, so its answer cannot be kept for a replay: send it without {Header}. " +
                "If the answer is lost, list the keys, revoke the one you did not receive and issue another.",
                [new FieldError(null, "is not accepted on a request that creates a secret", Parameter: Header)]);
        }

        var key = CheckKey(values);
        var caller = Caller.From(context.User);
        var scope = caller.TenantId + "/" + caller.UserId;
        var fingerprint = await FingerprintAsync(context.Request);
        // One connection from the claim to the commit; a server that refuses it is waited for as long as a pool would be.
        await DatabaseRetry.OpenConnectionAsync(db, errors, settings.Value.Database.ConnectionTimeout, context.RequestAborted);
        try
        {
            var record = await ClaimAsync(db, scope, key, fingerprint, context.RequestAborted);
            if (record.Completed)
            {
                await ReplayAsync(context, record);
                return;
            }

            await RunAndRecordAsync(context, db, record);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IdempotencyRecord> ClaimAsync(BrokerDbContext db, string scope, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var records = db.Set<IdempotencyRecord>();
        var record = await records.FindAsync([scope, key], cancellationToken);
        if (record is not null && record.ExpiresAt <= now)
        {
            records.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
            record = null;
        }

        if (record is null)
        {
            record = new IdempotencyRecord
            {
                Scope = scope, Key = key, Fingerprint = fingerprint,
                LeaseUntil = now + settings.Lease, CreatedAt = now, ExpiresAt = now + settings.Retention,
            };
            records.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return record;
            }
            catch (DbUpdateException ex) when (!errors.IsTransient(ex))
            {
                // Another request claimed the key between our read and our insert: answer as it stands.
                db.ChangeTracker.Clear();
                record = await records.FindAsync([scope, key], cancellationToken) ?? throw new ProblemException(ProblemTypes.Conflict, "retry the request");
            }
        }

        if (record.Fingerprint != fingerprint)
        {
            throw new ProblemException(ProblemTypes.IdempotencyMismatch, $"the {Header} was already used with a different request");
        }

        if (record.Completed)
        {
            return record;
        }

        if (record.LeaseUntil > now)
        {
            throw new ProblemException(ProblemTypes.IdempotencyInFlight, $"the first request with this {Header} is still in progress",
                extensions: new Dictionary<string, object?> { ["retryAfter"] = Math.Max(1, (int)Math.Ceiling((record.LeaseUntil - now).TotalSeconds)) });
        }

        // The claim's lease ran out: its request died before committing anything. Take it over.
        record.LeaseUntil = now + settings.Lease;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ProblemException(ProblemTypes.IdempotencyInFlight, $"another request took over this {Header}",
                extensions: new Dictionary<string, object?> { ["retryAfter"] = 1 });
        }

        return record;
    }

    private async Task RunAndRecordAsync(HttpContext context, BrokerDbContext db, IdempotencyRecord record)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            for (var attempt = 1; await RunOnceAsync(context, db, record, buffer, attempt) is { } pause; attempt++)
            {
                await DatabaseRetry.PrepareAnotherRunAsync(context, db, pause);
                db.Attach(record); // the claim, as committed: the next run completes it
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    /// <summary>One run of the request in its own transaction; <c>null</c> when it is done, else the pause before it runs again (it lost a race and was rolled back).</summary>
    private async Task<TimeSpan?> RunOnceAsync(HttpContext context, BrokerDbContext db, IdempotencyRecord record, MemoryStream buffer, int attempt)
    {
        var committing = false;
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        try
        {
            await next(context);
            if (context.Response.StatusCode >= 500)
            {
                // A server failure is not an answer worth keeping: undo, and let a retry run again.
                await transaction.RollbackAsync(CancellationToken.None);
                await ReleaseAsync(db, record);
                return null;
            }

            record.Completed = true;
            record.StatusCode = context.Response.StatusCode;
            record.ResponseHeaders = JsonSerializer.Serialize(
                ReplayedHeaders.Where(h => context.Response.Headers.ContainsKey(h)).ToDictionary(h => h, h => context.Response.Headers[h].ToString()),
                BrokerJsonContext.Default.DictionaryStringString);
            record.ResponseBody = buffer.ToArray();
            await db.SaveChangesAsync(CancellationToken.None);
            committing = true;
            await transaction.CommitAsync(CancellationToken.None);
            return null;
        }
        catch (Exception ex) when (errors.Classify(ex) == DatabaseFailure.Contention && DatabaseRetry.PauseAfterContention(attempt) is { } pause)
        {
            await RollBackQuietlyAsync(transaction);
            DatabaseRetry.LogRunAgain(logger, context.Request.Method, context.Request.Path.ToString(), attempt, DatabaseRetry.Attempts, ex);
            (record.Completed, record.StatusCode, record.ResponseHeaders, record.ResponseBody) = (false, 0, null, null);
            return pause;
        }
        catch (Exception ex)
        {
            await RollBackQuietlyAsync(transaction);
            if (committing && errors.Classify(ex) is DatabaseFailure.Unavailable or DatabaseFailure.NoConnection)
            {
                LogCommitUnknown(logger, record.Key, ex); // the claim's lease decides; see the class comment
            }
            else
            {
                await ReleaseAsync(db, record);
            }

            throw;
        }
    }

    private static async Task RollBackQuietlyAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The connection broke: the server rolled the transaction back itself.
        }
    }

    /// <summary>Gives the key up, so that a retry runs afresh; if the database cannot be reached, the claim's lease ends it.</summary>
    private async Task ReleaseAsync(BrokerDbContext db, IdempotencyRecord record)
    {
        db.ChangeTracker.Clear();
        try
        {
            await db.Set<IdempotencyRecord>().Where(r => r.Scope == record.Scope && r.Key == record.Key).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The connection broke (or the database is away): the request's own failure is the answer; the lease ends the claim.
            LogReleaseFailed(logger, record.Key, options.Value.Lease, ex);
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        context.Response.StatusCode = record.StatusCode;
        var headers = JsonSerializer.Deserialize(record.ResponseHeaders ?? "{}", BrokerJsonContext.Default.DictionaryStringString) ?? [];
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.ResponseBody is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>
    /// One header of 1-255 printable ASCII characters without a comma: two headers, or two keys a proxy joined into one
    /// line with a comma (RFC 9110 §5.3), would name a key the client never sent.
    /// </summary>
    private static string CheckKey(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1)
        {
            throw new ProblemException(ProblemTypes.Validation, $"send one {Header} header (this request has {values.Count})",
                [new FieldError(null, "must be sent once", Parameter: Header)]);
        }

        var key = values[0] ?? "";
        if (key.Length is 0 or > IdempotencyOptions.MaxKeyLength || key.Any(c => c < 0x20 || c > 0x7e || c == ','))
        {
            throw new ProblemException(ProblemTypes.Validation, $"the {Header} header must be 1-{IdempotencyOptions.MaxKeyLength} printable ASCII characters other than ','",
                [new FieldError(null, "must be 1-255 printable ASCII characters other than ','", new FieldLimit(MaxLength: IdempotencyOptions.MaxKeyLength), Header)]);
        }

        return key;
    }

    /// <summary>Method, path, query and body: what must match for a retry to be "the same request".</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The commit of a request with Idempotency-Key {Key} failed with its outcome unknown; the key stays claimed until its lease ends")]
    private static partial void LogCommitUnknown(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing Idempotency-Key {Key} after a failure failed; retries get 409 idempotency-in-flight until its lease ({Lease}) ends")]
    private static partial void LogReleaseFailed(ILogger logger, string key, TimeSpan lease, Exception exception);
}
