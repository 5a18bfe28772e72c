using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Health;

/// <summary>
/// Every <see cref="ProviderHealthOptions.ProbeInterval"/>, for each open provider: probes it when none of this process's
/// calls reached it since the last round (or its circuit is due for a trial), folds this process's outcomes into the
/// provider's shared circuit row, and gives the board the row as every process left it. Runs in every process: each
/// judges its providers by the same row.
/// </summary>
internal sealed partial class ProviderHealthMonitor(
    ProviderRegistry registry,
    ProviderHealthBoard board,
    IServiceScopeFactory scopes,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<ProviderHealthOptions> options,
    ILogger<ProviderHealthMonitor> logger) : PeriodicWork(time, databaseErrors, logger)
{
    private const int FoldAttempts = 3;

    protected override TimeSpan Interval => options.Value.ProbeInterval;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in registry.All.Where(p => p.Driver is not null))
        {
            await CheckAsync(provider.Id, provider.Driver!, cancellationToken);
        }

        return Interval;
    }

    private async Task CheckAsync(string providerId, GatedDriver driver, CancellationToken cancellationToken)
    {
        var outcomes = board.Drain(providerId);
        if (outcomes.Count == 0 || board.Of(providerId).Circuit == CircuitState.HalfOpen)
        {
            await ProbeAsync(providerId, driver, cancellationToken);
            outcomes.AddRange(board.Drain(providerId));
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var circuit = await db.Set<ProviderCircuit>().FirstOrDefaultAsync(c => c.ProviderId == providerId, cancellationToken);
            if (outcomes.Count == 0)
            {
                if (circuit is not null)
                {
                    board.Set(circuit); // nothing of ours to add: take what the other processes left
                }

                return;
            }

            if (circuit is null)
            {
                circuit = new ProviderCircuit { ProviderId = providerId };
                db.Add(circuit);
            }

            var before = circuit.State;
            CircuitRules.Fold(circuit, outcomes, options.Value);
            circuit.UpdatedAt = Time.GetUtcNow().UtcDateTime;
            circuit.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < FoldAttempts)
            {
                continue; // another process folded (or made the row) first: fold into its row
            }

            if (circuit.State != before)
            {
                LogCircuit(logger, providerId, circuit.State, circuit.Reason ?? "");
            }

            board.Set(circuit);
            return;
        }
    }

    /// <summary>One light read the provider must answer; its outcome reaches the board like any call's.</summary>
    private async Task ProbeAsync(string providerId, GatedDriver driver, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.ProbeTimeout);
        try
        {
            await driver.ProbeAsync(deadline.Token);
        }
        catch (DriverException)
        {
            // Recorded as the call's outcome.
        }
        catch (ProviderPacedException)
        {
            // The read budget has no turn now: the calls that spent it say enough.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No answer within the probe's time: unreachable, as a driver's own timeout would be.
            board.Observe(new ProviderCallOutcome(providerId, ProviderCallKind.Read, GatedDriver.ProbeCall, ProviderCallResult.Failed,
                DriverErrorKind.Timeout, Time.GetUtcNow().UtcDateTime - options.Value.ProbeTimeout, options.Value.ProbeTimeout,
                $"no answer within {options.Value.ProbeTimeout.TotalSeconds:0.###} s"));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of provider {ProviderId} is now {State}: {Reason}")]
    private static partial void LogCircuit(ILogger logger, string providerId, CircuitState state, string reason);
}
