using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pincer.Protocol.Validation;

/// <summary>
/// One schema pre-digested for evaluation: keywords read once, regexes compiled once. Only the
/// keywords TypeBox's engine acts on are kept (annotations such as <c>default</c>, <c>description</c>
/// and the OpenAPI <c>discriminator</c> are ignored by TypeBox too).
/// </summary>
internal sealed class SchemaNode
{
    private SchemaNode()
    {
    }

    /// <summary>Non-null for the boolean schemas <c>true</c>/<c>false</c>.</summary>
    public bool? Boolean { get; private init; }

    public string[]? Types { get; private set; }

    /// <summary>The raw <c>type</c> keyword: a string or an array, as the error message prints it.</summary>
    public bool TypeIsArray { get; private set; }

    public string[]? Required { get; private set; }

    public (string Name, SchemaNode Schema)[]? Properties { get; private set; }

    public HashSet<string>? PropertyNameSet { get; private set; }

    public (string Pattern, Regex Regex, SchemaNode Schema)[]? PatternProperties { get; private set; }

    public SchemaNode? AdditionalProperties { get; private set; }

    public SchemaNode? PropertyNames { get; private set; }

    public double? MinProperties { get; private set; }

    public double? MaxProperties { get; private set; }

    public SchemaNode? Items { get; private set; }

    public SchemaNode[]? TupleItems { get; private set; }

    public SchemaNode? AdditionalItems { get; private set; }

    public SchemaNode[]? PrefixItems { get; private set; }

    public SchemaNode? Contains { get; private set; }

    public double? MinItems { get; private set; }

    public double? MaxItems { get; private set; }

    public bool UniqueItems { get; private set; }

    public double? MinLength { get; private set; }

    public double? MaxLength { get; private set; }

    public string? Format { get; private set; }

    public string? Pattern { get; private set; }

    public Regex? PatternRegex { get; private set; }

    public double? Minimum { get; private set; }

    public double? Maximum { get; private set; }

    public double? ExclusiveMinimum { get; private set; }

    public double? ExclusiveMaximum { get; private set; }

    public double? MultipleOf { get; private set; }

    public bool HasConst { get; private set; }

    public JsonNode? Const { get; private set; }

    public JsonArray? Enum { get; private set; }

    public bool HasIf { get; private set; }

    public SchemaNode? If { get; private set; }

    public SchemaNode? Then { get; private set; }

    public SchemaNode? Else { get; private set; }

    public SchemaNode? Not { get; private set; }

    public SchemaNode[]? AllOf { get; private set; }

    public SchemaNode[]? AnyOf { get; private set; }

    public SchemaNode[]? OneOf { get; private set; }

    public bool HasObjectKeywords { get; private set; }

    public bool HasArrayKeywords { get; private set; }

    public bool HasStringKeywords { get; private set; }

    public bool HasNumberKeywords { get; private set; }

    public static readonly SchemaNode True = new() { Boolean = true };

    public static SchemaNode Compile(JsonNode? schema)
    {
        if (schema is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return new SchemaNode { Boolean = v.GetValue<bool>() };
        }

        var node = new SchemaNode();
        if (schema is not JsonObject obj)
        {
            // TypeBox treats any non-schema value as an empty (accept-all) schema here.
            return node;
        }

        if (obj["type"] is JsonValue typeValue && typeValue.GetValueKind() == JsonValueKind.String)
        {
            node.Types = [typeValue.GetValue<string>()];
        }
        else if (obj["type"] is JsonArray typeArray)
        {
            node.Types = typeArray.Select(t => t!.GetValue<string>()).ToArray();
            node.TypeIsArray = true;
        }

        if (obj["required"] is JsonArray required)
        {
            node.Required = required.Select(r => r!.GetValue<string>()).ToArray();
        }

        if (obj["properties"] is JsonObject properties)
        {
            node.Properties = properties.Select(p => (p.Key, Compile(p.Value))).ToArray();
            node.PropertyNameSet = new HashSet<string>(properties.Select(p => p.Key), StringComparer.Ordinal);
        }

        if (obj["patternProperties"] is JsonObject patternProperties)
        {
            node.PatternProperties = patternProperties.Select(p => (p.Key, JsRegex.Get(p.Key), Compile(p.Value))).ToArray();
        }

        if (obj.TryGetPropertyValue("additionalProperties", out var additional) && IsSchema(additional))
        {
            node.AdditionalProperties = Compile(additional);
        }

        if (obj.TryGetPropertyValue("propertyNames", out var propertyNames) && IsSchema(propertyNames))
        {
            node.PropertyNames = Compile(propertyNames);
        }

        node.MinProperties = Number(obj, "minProperties");
        node.MaxProperties = Number(obj, "maxProperties");

        if (obj["items"] is JsonArray tuple)
        {
            node.TupleItems = tuple.Select(Compile).ToArray();
        }
        else if (obj.TryGetPropertyValue("items", out var items) && IsSchema(items))
        {
            node.Items = Compile(items);
        }

        if (obj.TryGetPropertyValue("additionalItems", out var additionalItems) && IsSchema(additionalItems))
        {
            node.AdditionalItems = Compile(additionalItems);
        }

        if (obj["prefixItems"] is JsonArray prefixItems)
        {
            node.PrefixItems = prefixItems.Select(Compile).ToArray();
        }

        if (obj.TryGetPropertyValue("contains", out var contains) && IsSchema(contains))
        {
            node.Contains = Compile(contains);
        }

        node.MinItems = Number(obj, "minItems");
        node.MaxItems = Number(obj, "maxItems");
        node.UniqueItems = obj.ContainsKey("uniqueItems") && !(obj["uniqueItems"] is JsonValue u && u.GetValueKind() == JsonValueKind.False);

        node.MinLength = Number(obj, "minLength");
        node.MaxLength = Number(obj, "maxLength");
        if (obj["format"] is JsonValue format && format.GetValueKind() == JsonValueKind.String)
        {
            node.Format = format.GetValue<string>();
        }

        if (obj["pattern"] is JsonValue pattern && pattern.GetValueKind() == JsonValueKind.String)
        {
            node.Pattern = pattern.GetValue<string>();
            node.PatternRegex = JsRegex.Get(node.Pattern);
        }

        node.Minimum = Number(obj, "minimum");
        node.Maximum = Number(obj, "maximum");
        node.ExclusiveMinimum = Number(obj, "exclusiveMinimum");
        node.ExclusiveMaximum = Number(obj, "exclusiveMaximum");
        node.MultipleOf = Number(obj, "multipleOf");

        if (obj.TryGetPropertyValue("const", out var constant))
        {
            node.HasConst = true;
            node.Const = constant;
        }

        if (obj["enum"] is JsonArray enumValues)
        {
            node.Enum = enumValues;
        }

        if (obj.TryGetPropertyValue("if", out var ifSchema) && IsSchema(ifSchema))
        {
            node.HasIf = true;
            node.If = Compile(ifSchema);
            node.Then = obj.TryGetPropertyValue("then", out var then) && IsSchema(then) ? Compile(then) : True;
            node.Else = obj.TryGetPropertyValue("else", out var @else) && IsSchema(@else) ? Compile(@else) : True;
        }

        if (obj.TryGetPropertyValue("not", out var not) && IsSchema(not))
        {
            node.Not = Compile(not);
        }

        node.AllOf = SchemaArray(obj, "allOf");
        node.AnyOf = SchemaArray(obj, "anyOf");
        node.OneOf = SchemaArray(obj, "oneOf");

        node.HasObjectKeywords = node.Required is not null || node.Properties is not null || node.PatternProperties is not null
            || node.AdditionalProperties is not null || node.PropertyNames is not null || node.MinProperties is not null
            || node.MaxProperties is not null;
        node.HasArrayKeywords = node.Items is not null || node.TupleItems is not null || node.AdditionalItems is not null
            || node.PrefixItems is not null || node.Contains is not null || node.MinItems is not null || node.MaxItems is not null
            || node.UniqueItems;
        node.HasStringKeywords = node.MinLength is not null || node.MaxLength is not null || node.Format is not null || node.Pattern is not null;
        node.HasNumberKeywords = node.Minimum is not null || node.Maximum is not null || node.ExclusiveMinimum is not null
            || node.ExclusiveMaximum is not null || node.MultipleOf is not null;
        return node;
    }

    private static bool IsSchema(JsonNode? node) =>
        node is JsonObject || (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False);

    private static double? Number(JsonObject obj, string keyword) =>
        obj[keyword] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? JsonValues.Number(v) : null;

    private static SchemaNode[]? SchemaArray(JsonObject obj, string keyword) =>
        obj[keyword] is JsonArray array ? array.Select(Compile).ToArray() : null;
}
