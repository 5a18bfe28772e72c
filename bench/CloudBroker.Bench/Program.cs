using CloudBroker.Bench;

// Two modes: `--baseline` is the bare Kestrel server (started as a child process by the harness, its address in
// the `urls` environment variable); anything else runs the benchmark: `--scenario reads` (the default),
// `--scenario creates`, `--scenario scaleout`, `--scenario quotas`, `--scenario clouds`, `--scenario rating`, `--scenario exports`, `--scenario claims` or `--scenario placement`
// (whose measured runs are this program again, with `--rating-child` or `--export-child`).
// See bench/run.sh and docs/performance.md.
if (args.Contains(ExportChild.Flag))
{
    return await ExportChild.RunAsync(args);
}

if (args.Contains(RatingChild.Flag))
{
    return RatingChild.Run(args);
}

if (args.Contains("--baseline"))
{
    BaselineServer.Run(args);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var report = options.Scenario switch
    {
        BenchOptions.Creates => await CreateScenario.RunAsync(options, cancel.Token),
        BenchOptions.ScaledOut => await ScaleoutScenario.RunAsync(options, cancel.Token),
        BenchOptions.Quotas => await QuotaScenario.RunAsync(options, cancel.Token),
        BenchOptions.CloudFakes => await CloudBroker.Bench.Clouds.CloudScenario.RunAsync(options, cancel.Token),
        BenchOptions.Rating => await RatingScenario.RunAsync(options, cancel.Token),
        BenchOptions.Exports => await ExportScenario.RunAsync(options, cancel.Token),
        BenchOptions.Claims => await CloudBroker.Bench.Claims.ClaimScenario.RunAsync(options, cancel.Token),
        BenchOptions.Placing => await CloudBroker.Bench.Placement.PlacementScenario.RunAsync(options, cancel.Token),
        _ => await Bench.RunAsync(options, cancel.Token),
    };
    Console.WriteLine();
    Console.WriteLine(report);
    if (options.OutputPath is not null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
        await File.WriteAllTextAsync(options.OutputPath, report, CancellationToken.None);
        Console.WriteLine($"written to {options.OutputPath}");
    }

    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
catch (BenchException e)
{
    Console.Error.WriteLine("bench failed: " + e.Message);
    return 1;
}
