using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// What admins do to price books: create one (with its first draft), add a draft version, replace a draft's content,
/// publish it. Lines must name providers the broker has (configured or defined through the API) and tenants that exist.
/// A publication applies to this process's prices at once (<see cref="PublishedPrices"/>), to others' within their refresh.
/// </summary>
public sealed class PriceBooks(BrokerDbContext db, ProviderRegistry providers, PublishedPrices prices, IOptions<QuotaOptions> quotaOptions, TimeProvider time)
{
    public async Task<(PriceBook Book, PriceBookVersion Draft)> CreateAsync(string name, string currency, PriceBookDraft content, CancellationToken cancellationToken)
    {
        if (await db.Set<PriceBook>().AnyAsync(b => b.Name == name, cancellationToken))
        {
            throw new ProblemException(ProblemTypes.Conflict, $"a price book named '{name}' exists; choose another name or add a version to it");
        }

        var now = Now();
        var book = new PriceBook { Id = Guid.CreateVersion7().ToString(), Name = name, Currency = currency, CreatedAt = now };
        var draft = await NewDraftAsync(book.Id, 1, content, now, cancellationToken);
        db.Add(book);
        db.Add(draft);
        await SaveAsync(cancellationToken);
        return (book, draft);
    }

    public async Task<PriceBookVersion> AddDraftAsync(string bookId, PriceBookDraft content, CancellationToken cancellationToken)
    {
        _ = await FindBookAsync(bookId, cancellationToken);
        var number = await db.Set<PriceBookVersion>().Where(v => v.BookId == bookId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
        var draft = await NewDraftAsync(bookId, number + 1, content, Now(), cancellationToken);
        db.Add(draft);
        await SaveAsync(cancellationToken);
        return draft;
    }

    /// <summary>Replaces a draft's content (a published version refuses).</summary>
    public async Task<PriceBookVersion> EditAsync(PriceBookVersion draft, PriceBookDraft content, CancellationToken cancellationToken)
    {
        draft.EnsureDraft(); // before anything about the content: a published version refuses whatever is sent
        await CheckReferencesAsync(content, cancellationToken);
        draft.Edit(content.EffectiveFrom, content.EffectiveTo, content.Lines, content.Contracts, Now());
        await SaveAsync(cancellationToken);
        return draft;
    }

    public async Task<PriceBookVersion> PublishAsync(PriceBookVersion draft, CancellationToken cancellationToken)
    {
        var book = await FindBookAsync(draft.BookId, cancellationToken);
        draft.Publish(book, quotaOptions.Value.Currency, Now());
        await SaveAsync(cancellationToken);
        await prices.RefreshAsync(db, cancellationToken);
        return draft;
    }

    /// <summary>A version with its lines and contracts (tracked, for a change), or 404.</summary>
    public async Task<PriceBookVersion> FindVersionAsync(string bookId, int number, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Set<PriceBookVersion>() : db.Set<PriceBookVersion>().AsNoTracking();
        return await query.AsSplitQuery().Include(v => v.Lines).Include(v => v.Contracts)
            .FirstOrDefaultAsync(v => v.BookId == bookId && v.Number == number, cancellationToken)
            ?? throw ProblemException.NotFound($"version {number} of price book '{bookId}'");
    }

    public async Task<PriceBook> FindBookAsync(string bookId, CancellationToken cancellationToken) =>
        await db.Set<PriceBook>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookId, cancellationToken)
        ?? throw ProblemException.NotFound($"price book '{bookId}'");

    private async Task<PriceBookVersion> NewDraftAsync(string bookId, int number, PriceBookDraft content, DateTime now, CancellationToken cancellationToken)
    {
        await CheckReferencesAsync(content, cancellationToken);
        var draft = new PriceBookVersion { BookId = bookId, Number = number, Status = PriceBookStatuses.Draft, CreatedAt = now, Version = 0 };
        draft.Edit(content.EffectiveFrom, content.EffectiveTo, content.Lines, content.Contracts, now);
        return draft;
    }

    /// <summary>Every provider and tenant the content names exists (one query for the tenants).</summary>
    private async Task CheckReferencesAsync(PriceBookDraft content, CancellationToken cancellationToken)
    {
        for (var i = 0; i < content.Lines.Count; i++)
        {
            if (providers.Find(content.Lines[i].ProviderId) is null)
            {
                throw ProblemException.Invalid($"/lines/{i}/providerId", $"names no provider of this broker ('{content.Lines[i].ProviderId}'); GET /api/providers lists them");
            }
        }

        var named = content.Lines.Select(l => l.TenantId).Concat(content.Contracts.Select(c => c.TenantId)).OfType<string>().Distinct().ToList();
        var existing = await db.Set<Tenant>().Where(t => named.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < content.Lines.Count; i++)
        {
            if (content.Lines[i].TenantId is { } tenant && !existing.Contains(tenant))
            {
                throw ProblemException.Invalid($"/lines/{i}/tenantId", $"names no tenant ('{tenant}')");
            }
        }

        for (var i = 0; i < content.Contracts.Count; i++)
        {
            if (!existing.Contains(content.Contracts[i].TenantId))
            {
                throw ProblemException.Invalid($"/contracts/{i}/tenantId", $"names no tenant ('{content.Contracts[i].TenantId}')");
            }
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ProblemException(ProblemTypes.PreconditionFailed, "the price book version changed since you read it; read it again and retry");
        }
        catch (DbUpdateException)
        {
            throw new ProblemException(ProblemTypes.Conflict, "another change to this price book was saved at the same moment; read it again and retry");
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime.ToStoredPrecision();
}
