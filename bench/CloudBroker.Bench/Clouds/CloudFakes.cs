namespace CloudBroker.Bench.Clouds;

/// <summary>Starts the wire-level fake for a driver, its create bucket set to the run's.</summary>
internal static class CloudFakes
{
    public static Task<ICloudFake> StartAsync(string driver, int burst, double refillPerSecond) => driver switch
    {
        "ec2" => Ec2CloudFake.StartAsync(burst, refillPerSecond),
        "azure" => AzureCloudFake.StartAsync(burst, refillPerSecond),
        _ => throw new BenchException($"--drivers: no fake for '{driver}'"),
    };
}
