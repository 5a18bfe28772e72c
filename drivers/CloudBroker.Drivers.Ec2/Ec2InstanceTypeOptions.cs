namespace CloudBroker.Drivers.Ec2;

/// <summary>One configured instance type (<c>InstanceTypes:N:*</c>), offered as a fixed hardware profile.</summary>
public sealed class Ec2InstanceTypeOptions
{
    /// <summary>The EC2 instance type, such as <c>t3.micro</c>; it is also the profile id.</summary>
    public string? Id { get; set; }

    public int Cpu { get; set; }

    public int MemoryMiB { get; set; }

    /// <summary>The root volume size the image gives (EC2 keeps the AMI's size; 8 GiB for most Linux images).</summary>
    public int StorageGiB { get; set; } = 8;

    public string Architecture { get; set; } = "x86_64";
}
