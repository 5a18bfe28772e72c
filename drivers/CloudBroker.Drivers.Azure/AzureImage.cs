namespace CloudBroker.Drivers.Azure;

/// <summary>A configured marketplace image: the broker's id and the image reference it stands for.</summary>
internal sealed record AzureImage(string Id, string Name, string Publisher, string Offer, string Sku, string Version, string Architecture)
{
    /// <summary>The image's URN, as <c>az vm image list</c> prints it.</summary>
    public string Urn => $"{Publisher}:{Offer}:{Sku}:{Version}";

    public Image ToImage() => new(Id, Name, $"marketplace image {Urn}", Architecture);
}
