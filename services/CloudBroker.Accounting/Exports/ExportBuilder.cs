using System.Data;
using System.Numerics;
using System.Security.Cryptography;
using CloudBroker.Accounting.Rating;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Runs an export's operation: reads the tenant's charges of the period as of one snapshot (with the usage watermark
/// they were rated to), writes the Parquet and CSV files in one streaming pass to scratch files, keeps them in the
/// <see cref="IExportFileStore"/>, and then — in one transaction — lists the files, writes the manifest and marks the
/// export and its operation succeeded. A build lost with a process starts over (the sweeper re-sends it) and, the
/// charges being the same, writes the same bytes.
/// </summary>
public sealed partial class ExportBuilder(
    BrokerDbContext db,
    IExportFileStore store,
    ProviderRegistry providers,
    TimeProvider time,
    IOptions<ExportOptions> options,
    IOptions<QuotaOptions> quotas,
    ILogger<ExportBuilder> logger)
{
    public const string ParquetType = "application/vnd.apache.parquet";

    public const string CsvType = "text/csv; charset=utf-8";

    /// <summary>How long a build may take before the sweeper starts it again elsewhere.</summary>
    public static readonly TimeSpan BuildLease = TimeSpan.FromMinutes(30);

    public async Task BuildAsync(string operationId, CancellationToken cancellationToken)
    {
        var operation = await db.Set<Operation>().FirstOrDefaultAsync(o => o.Id == operationId && o.Kind == OperationKind.Export, cancellationToken);
        var export = operation is null ? null : await db.Set<Export>().FirstOrDefaultAsync(e => e.OperationId == operationId, cancellationToken);
        if (operation is null || export is null || operation.IsFinished)
        {
            return; // a duplicate of a finished build, or a message for something deleted
        }

        var now = Now;
        operation.Status = OperationStatus.Running;
        operation.LeaseUntil = now + BuildLease;
        operation.Record("build", "started", now);
        export.Status = ExportStatus.Running;
        export.UpdatedAt = now;
        export.Version++;
        await db.SaveChangesAsync(cancellationToken); // a concurrent build of the same operation stops here

        var scratch = CreateScratch();
        try
        {
            var (files, manifest) = await WriteAsync(export, scratch.FullName, cancellationToken);
            foreach (var file in files)
            {
                await using var content = File.OpenRead(Path.Combine(scratch.FullName, file.Name));
                await store.SaveAsync(export.Id, file.Name, content, cancellationToken);
            }

            db.ChangeTracker.Clear();
            operation = await db.Set<Operation>().FirstAsync(o => o.Id == operationId, cancellationToken);
            export = await db.Set<Export>().FirstAsync(e => e.Id == export.Id, cancellationToken);
            await db.Set<ExportFile>().Where(f => f.ExportId == export.Id).ExecuteDeleteAsync(cancellationToken);
            db.AddRange(files);
            now = Now;
            export.Manifest = System.Text.Encoding.UTF8.GetString(manifest.ToJson());
            export.Watermark = manifest.Watermark;
            export.Status = ExportStatus.Succeeded;
            export.UpdatedAt = now;
            export.Version++;
            operation.Succeed(now);
            operation.Status = OperationStatus.Succeeded;
            await db.SaveChangesAsync(cancellationToken);
            LogBuilt(logger, export.Id, export.TenantId, files[0].Rows);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or DbUpdateException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, export.Id, ex.Message);
            db.ChangeTracker.Clear();
            operation = await db.Set<Operation>().FirstAsync(o => o.Id == operationId, cancellationToken);
            export = await db.Set<Export>().FirstAsync(e => e.Id == export.Id, cancellationToken);
            if (!operation.IsFinished)
            {
                now = Now;
                operation.Fail(ProblemTypes.Internal, "the export could not be built: " + ex.Message, now);
                operation.Status = OperationStatus.Failed;
                export.Status = ExportStatus.Failed;
                export.UpdatedAt = now;
                export.Version++;
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>Writes both files into <paramref name="folder"/> from one snapshot of the charges; returns them and the manifest.</summary>
    private async Task<(List<ExportFile> Files, ExportManifest Manifest)> WriteAsync(Export export, string folder, CancellationToken cancellationToken)
    {
        var start = export.PeriodStart;
        var tenantId = export.TenantId;
        var baseName = $"focus-{tenantId}-{start:yyyy-MM}-r{export.Revision}";
        var parquetName = baseName + ".parquet";
        var csvName = baseName + ".csv";

        // One snapshot: the watermark and the charges rated up to it (a rating run replaces a tenant's month in one transaction).
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        // Usage is rated to the watermark; the export covers it up to the period's end at most (so a past period's
        // export does not change with the clock).
        var ratedTo = (await db.Set<RatingWatermark>().AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.RatedTo ?? start;
        var watermark = ratedTo < start.AddMonths(1) ? ratedTo : start.AddMonths(1);
        var tenantName = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var groups = await db.Set<Group>().AsNoTracking().Where(g => g.TenantId == tenantId).ToDictionaryAsync(g => g.Id, g => g.Name, StringComparer.Ordinal, cancellationToken);
        var instances = await db.Set<Instance>().AsNoTracking().Where(i => i.TenantId == tenantId).ToDictionaryAsync(i => i.Id, i => i.Name, StringComparer.Ordinal, cancellationToken);
        var mapper = new FocusRowMapper(
            quotas.Value.Currency, options.Value.InvoiceIssuerName, start, export.Revision, tenantId, tenantName,
            id => groups.GetValueOrDefault(id), id => instances.GetValueOrDefault(id), Naming);

        var billed = BigInteger.Zero;
        var recent = Int128.Zero; // summed in 128 bits, folded into the unbounded sum only when the next row would overflow it
        var books = new SortedSet<string>(StringComparer.Ordinal);
        long rows;
        await using (var parquet = File.Create(Path.Combine(folder, parquetName)))
        await using (var csv = File.Create(Path.Combine(folder, csvName)))
        {
            await using var writer = await FocusFileWriter.CreateAsync(parquet, csv, options.Value.RowGroupSize, cancellationToken);
            var charges = db.Set<Charge>().AsNoTracking()
                .Where(c => c.TenantId == tenantId && c.BillingPeriod == start)
                .OrderBy(c => c.Day).ThenBy(c => c.Id)
                .AsAsyncEnumerable();
            await foreach (var charge in charges.WithCancellation(cancellationToken))
            {
                var row = mapper.Map(charge);
                var units = FocusDecimalColumn.Units(row.BilledCost);
                var sum = recent + units;
                if (((recent ^ sum) & (units ^ sum)) < 0)
                {
                    billed += recent;
                    sum = units;
                }

                recent = sum;
                books.Add(row.PriceBookVersion);
                await writer.AddAsync(row, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
            rows = writer.Rows;
            billed += recent;
        }

        await snapshot.CommitAsync(cancellationToken);
        var files = new List<ExportFile>
        {
            await DescribeAsync(export.Id, folder, parquetName, ParquetType, rows, cancellationToken),
            await DescribeAsync(export.Id, folder, csvName, CsvType, rows, cancellationToken),
        };
        var closed = export.Final;
        var manifest = new ExportManifest(tenantId, start, export.Revision, closed, watermark, files,
            new Dictionary<string, BigInteger>(StringComparer.Ordinal) { [quotas.Value.Currency] = billed }, [.. books]);
        return (files, manifest);
    }

    /// <summary>A folder of this build's own for its files: under <see cref="ExportOptions.ScratchFolder"/>, or the temp folder; the owner's only.</summary>
    private DirectoryInfo CreateScratch()
    {
        const string prefix = "cloudbroker-export-";
        if (options.Value.ScratchFolder is not { Length: > 0 } folder)
        {
            return Directory.CreateTempSubdirectory(prefix);
        }

        var path = Path.Combine(folder, prefix + Guid.NewGuid().ToString("N"));
        return OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The provider's cloud as its driver declares it (a setting may rename it); the operator and the provider id for a private pool.</summary>
    private ProviderNaming Naming(string providerId)
    {
        var billing = providers.Find(providerId)?.Billing;
        var name = options.Value.ProviderNames.GetValueOrDefault(providerId) ?? billing?.CloudName ?? options.Value.InvoiceIssuerName;
        return new ProviderNaming(name, billing?.Region ?? providerId);
    }

    private static async Task<ExportFile> DescribeAsync(string exportId, string folder, string name, string contentType, long rows, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(Path.Combine(folder, name));
        var hash = await SHA256.HashDataAsync(content, cancellationToken);
        return new ExportFile
        {
            ExportId = exportId, Name = name, ContentType = contentType, Length = content.Length, Sha256 = Convert.ToHexStringLower(hash), Rows = rows,
        };
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} of tenant {TenantId} built: {Rows} rows")]
    private static partial void LogBuilt(ILogger logger, string exportId, string tenantId, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {ExportId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string exportId, string reason);
}
