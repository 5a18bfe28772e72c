namespace CloudBroker.Api.Http.Limits;

/// <summary>
/// The most items an array of objects may have (arrays of strings take <see cref="TextAttribute.MaxItems"/>); each
/// item's own properties are checked against their limits. Checked before the handler runs and shown in the OpenAPI
/// document as <c>maxItems</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsAttribute(int maxItems) : Attribute
{
    public int MaxItems { get; } = maxItems;
}
