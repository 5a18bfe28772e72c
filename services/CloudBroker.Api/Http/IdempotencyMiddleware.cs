using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Idempotency;
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
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider time, IOptions<IdempotencyOptions> options)
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
        var record = await ClaimAsync(db, scope, key, fingerprint, context.RequestAborted);
        if (record.Completed)
        {
            await ReplayAsync(context, record);
            return;
        }

        await RunAndRecordAsync(context, db, record);
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
            catch (DbUpdateException)
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
            await using (var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted))
            {
                try
                {
                    await next(context);
                }
                catch
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    await ReleaseAsync(db, record);
                    throw;
                }

                if (context.Response.StatusCode >= 500)
                {
                    // A server failure is not an answer worth keeping: undo, and let a retry run again.
                    await transaction.RollbackAsync(CancellationToken.None);
                    await ReleaseAsync(db, record);
                }
                else
                {
                    record.Completed = true;
                    record.StatusCode = context.Response.StatusCode;
                    record.ResponseHeaders = JsonSerializer.Serialize(
                        ReplayedHeaders.Where(h => context.Response.Headers.ContainsKey(h)).ToDictionary(h => h, h => context.Response.Headers[h].ToString()),
                        BrokerJsonContext.Default.DictionaryStringString);
                    record.ResponseBody = buffer.ToArray();
                    await db.SaveChangesAsync(CancellationToken.None);
                    await transaction.CommitAsync(CancellationToken.None);
                }
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    private static async Task ReleaseAsync(BrokerDbContext db, IdempotencyRecord record)
    {
        db.ChangeTracker.Clear();
        await db.Set<IdempotencyRecord>().Where(r => r.Scope == record.Scope && r.Key == record.Key).ExecuteDeleteAsync(CancellationToken.None);
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
}
