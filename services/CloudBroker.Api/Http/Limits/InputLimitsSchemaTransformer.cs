using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CloudBroker.Api.Http.Limits;

/// <summary>
/// Writes the limits request properties declare into the OpenAPI document: <c>maxLength</c> and <c>pattern</c> of
/// strings (of each item of an array, of each value of a map, with <c>maxItems</c>, <c>maxProperties</c> and
/// <c>propertyNames</c>), <c>minimum</c> and <c>maximum</c> of integers (of each item of a list of integers). What the document shows is what
/// <see cref="InputLimitsFilter"/> enforces: both read the same attributes.
/// </summary>
internal sealed class InputLimitsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var attribute in context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(inherit: false) ?? [])
        {
            switch (attribute)
            {
                case TextAttribute text:
                    Declare(schema, text);
                    break;
                case ItemsAttribute items:
                    schema.MaxItems = items.MaxItems;
                    break;
                case WholeNumberAttribute range:
                    var numbers = schema.Items as OpenApiSchema ?? schema; // of each item of a list of integers
                    numbers.Maximum = range.Max.ToString(CultureInfo.InvariantCulture);
                    numbers.Minimum = range.HasMin ? range.Min.ToString(CultureInfo.InvariantCulture) : null;
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void Declare(OpenApiSchema schema, TextAttribute text)
    {
        if (schema.AdditionalProperties is OpenApiSchema values)
        {
            schema.MaxProperties = text.MaxItems;
            schema.PropertyNames = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = text.MaxKeyLength, Pattern = text.KeyPattern };
            DeclareText(values, text);
        }
        else if (schema.Items is OpenApiSchema items)
        {
            schema.MaxItems = text.MaxItems;
            DeclareText(items, text);
        }
        else
        {
            DeclareText(schema, text);
        }
    }

    private static void DeclareText(OpenApiSchema schema, TextAttribute text)
    {
        schema.MaxLength = text.MaxLength;
        schema.Pattern = InputLimits.PatternOf(text.Kind);
    }
}
