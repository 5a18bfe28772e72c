using System.Text.Json.Nodes;

namespace CloudBroker.Testing.Azure;

/// <summary>
/// The VMs of the fake's one resource group and their long-running operations. One lock guards it all: a fake's
/// throughput is never the bottleneck of what it measures.
/// </summary>
internal sealed class VmStore(ArmFakeOptions options)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, FakeVm> _vms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FakeOperation> _operations = new(StringComparer.Ordinal);

    /// <summary>Creates or updates a VM. A new VM comes with the operation that makes it.</summary>
    public StoreResult Put(string name, JsonObject body)
    {
        lock (_gate)
        {
            var now = options.Time.GetUtcNow();
            if (Find(name, now) is { } existing)
            {
                var refusal = existing.Provisioning == "Deleting"
                    ? ArmError.NotAllowed($"The operation is not allowed: VM '{name}' is being deleted.")
                    : VmRequestCheck.Unchangeable(existing.Sent, body);
                if (refusal is not null)
                {
                    return new(refusal);
                }

                existing.Sent = Merge(existing.Sent, body);
                return new(existing);
            }

            if (options.CapacityError is { } code)
            {
                return new(new ArmError(409, code, code switch
                {
                    "SkuNotAvailable" => $"The requested VM size is currently not available in location '{options.Location}'.",
                    "OperationNotAllowed" => "Operation could not be completed as it results in exceeding approved Total Regional Cores quota.",
                    _ => "Allocation failed. We do not have sufficient capacity for the requested VM size in this region.",
                }));
            }

            var vm = new FakeVm(name, (JsonObject)body.DeepClone(), now);
            var doneAt = vm.Begin(now, "Creating", null, options.NeverReady ? null : options.CreatingFor, "Succeeded", "running");
            _vms[name] = vm;
            return new(vm, NewOperation(now, doneAt), Created: true);
        }
    }

    public FakeVm? Get(string name)
    {
        lock (_gate)
        {
            return Find(name, options.Time.GetUtcNow());
        }
    }

    /// <summary>A running VM deallocated now, with no operation a client could poll (the portal did it).</summary>
    public bool DeallocateNow(string name)
    {
        lock (_gate)
        {
            var now = options.Time.GetUtcNow();
            if (Find(name, now) is not { Power: "running" } vm || vm.Settles != DateTimeOffset.MinValue)
            {
                return false;
            }

            vm.Begin(now, "Succeeded", "deallocated", TimeSpan.Zero, "Succeeded", "deallocated");
            vm.Settle(now);
            return true;
        }
    }

    /// <summary>Up to <paramref name="count"/> VMs after <paramref name="after"/> (by name), and whether more follow.</summary>
    public (IReadOnlyList<FakeVm> Page, bool More) List(string? after, int count)
    {
        lock (_gate)
        {
            var now = options.Time.GetUtcNow();
            var page = _vms.Keys
                .ToList()
                .Where(n => after is null || StringComparer.OrdinalIgnoreCase.Compare(n, after) > 0)
                .Select(n => Find(n, now))
                .OfType<FakeVm>()
                .Take(count + 1)
                .ToList();
            return page.Count > count ? (page[..count], true) : (page, false);
        }
    }

    /// <summary>Starts deleting; a VM that does not exist gives no operation (ARM answers 204).</summary>
    public StoreResult Delete(string name)
    {
        lock (_gate)
        {
            var now = options.Time.GetUtcNow();
            if (Find(name, now) is not { } vm)
            {
                return new((FakeVm?)null);
            }

            var doneAt = vm.Provisioning == "Deleting"
                ? vm.Settles
                : vm.Begin(now, "Deleting", vm.Power is null ? null : "deallocating", options.DeletingFor, "Deleting", null, removes: true);
            return new(vm, NewOperation(now, doneAt));
        }
    }

    /// <summary>start, deallocate, powerOff or restart.</summary>
    public StoreResult Act(string name, string action)
    {
        lock (_gate)
        {
            var now = options.Time.GetUtcNow();
            if (Find(name, now) is not { } vm)
            {
                return new(ArmError.NotFound(name));
            }

            if (vm.Settles != DateTimeOffset.MinValue)
            {
                return new(ArmError.NotAllowed(
                    $"Operation '{action}' is not allowed on VM '{name}' since the VM is {vm.Provisioning.ToLowerInvariant()} (another operation is in progress)."));
            }

            DateTimeOffset? doneAt = (action, vm.Power) switch
            {
                ("start", "running") or ("deallocate", "deallocated") or ("powerOff", "stopped" or "deallocated") => now,
                ("start", _) => vm.Begin(now, "Updating", "starting", options.StartingFor, "Succeeded", "running"),
                ("deallocate", _) => vm.Begin(now, "Updating", "deallocating", options.StoppingFor, "Succeeded", "deallocated"),
                ("powerOff", _) => vm.Begin(now, "Updating", "stopping", options.StoppingFor, "Succeeded", "stopped"),
                ("restart", "running") => vm.Begin(now, "Updating", "starting", options.RestartingFor, "Succeeded", "running"),
                ("restart", _) => DateTimeOffset.MaxValue,
                _ => DateTimeOffset.MinValue,
            };
            return doneAt switch
            {
                { } at when at == DateTimeOffset.MaxValue => new(ArmError.NotAllowed(
                    $"Operation 'restart' is not allowed on VM '{name}' since the VM is {vm.Power ?? "not running"}.")),
                { } at when at == DateTimeOffset.MinValue => new(new ArmError(404, "InvalidResourceType", $"No action '{action}' on virtual machines.")),
                _ => new(vm, NewOperation(now, doneAt)),
            };
        }
    }

    public FakeOperation? Operation(string id)
    {
        lock (_gate)
        {
            return _operations.GetValueOrDefault(id);
        }
    }

    private FakeVm? Find(string name, DateTimeOffset now)
    {
        if (!_vms.TryGetValue(name, out var vm))
        {
            return null;
        }

        vm.Settle(now);
        if (!vm.Removed)
        {
            return vm;
        }

        _vms.Remove(name);
        return null;
    }

    private FakeOperation NewOperation(DateTimeOffset now, DateTimeOffset? doneAt)
    {
        var operation = new FakeOperation(Guid.NewGuid().ToString(), now, doneAt);
        _operations[operation.Id] = operation;
        return operation;
    }

    /// <summary>An update keeps what it does not name (ARM's PUT on a VM replaces tags, keeps secrets it may not change).</summary>
    private static JsonObject Merge(JsonObject current, JsonObject update)
    {
        var merged = (JsonObject)current.DeepClone();
        foreach (var (key, value) in update)
        {
            if (key != "properties")
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }
}

/// <summary>What a store call did: the VM (null when there is none), the operation it started, or the refusal.</summary>
internal sealed record StoreResult(FakeVm? Vm, FakeOperation? Operation = null, bool Created = false, ArmError? Error = null)
{
    public StoreResult(ArmError error)
        : this(null, null, false, error)
    {
    }
}
