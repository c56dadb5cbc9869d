using System.Text.Json.Nodes;

namespace HitPredictor.InfraTests.Infrastructure;

/// <summary>
/// One template's evaluation scope: its parameters (given values, else defaults) and variables.
/// A nested deployment's parameter values are expressions of the enclosing scope (Bicep compiles
/// modules with <c>expressionEvaluationOptions.scope = inner</c>).
/// </summary>
public sealed class ArmScope
{
    private readonly JsonObject _template;
    private readonly Func<string, (bool Found, JsonNode? Value)> _suppliedParameter;

    private ArmScope(JsonObject template, Func<string, (bool Found, JsonNode? Value)> suppliedParameter)
    {
        _template = template;
        _suppliedParameter = suppliedParameter;
    }

    /// <summary>The scope of a top-level template deployed with <paramref name="parameterValues"/>.</summary>
    public static ArmScope Root(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameterValues) =>
        new(template, name => parameterValues.TryGetValue(name, out var value)
            ? (true, value is null ? null : JsonNode.Parse(value.ToJsonString())) // as if read from a parameters file
            : (false, null));

    /// <summary>The scope of the template inside a <c>Microsoft.Resources/deployments</c> resource of this scope.</summary>
    public ArmScope Nested(JsonObject deployment)
    {
        var properties = deployment["properties"]!.AsObject();
        var passed = properties["parameters"] as JsonObject ?? [];
        // A parameter is passed as {"value": ...}, or as one expression that builds that object
        // (Bicep writes a conditional argument as if(c, createObject('value', a), createObject('value', b))).
        return new ArmScope(properties["template"]!.AsObject(), name =>
            (passed[name] is JsonValue ? Evaluate(passed[name]) : passed[name]) is JsonObject parameter && parameter.ContainsKey("value")
                ? (true, passed[name] is JsonValue ? parameter["value"]?.DeepClone() : Evaluate(parameter["value"]))
                : (false, null));
    }

    public JsonNode? Parameter(string name)
    {
        var (found, value) = _suppliedParameter(name);
        if (found)
        {
            return value;
        }

        return _template["parameters"]?[name] is JsonObject declaration && declaration.ContainsKey("defaultValue")
            ? Evaluate(declaration["defaultValue"])
            : JsonValue.Create($"{ArmExpression.MarkerStart}parameters('{name}'){ArmExpression.MarkerEnd}");
    }

    public JsonNode? Variable(string name) =>
        _template["variables"] is JsonObject variables && variables.ContainsKey(name)
            ? Evaluate(variables[name])
            : throw new KeyNotFoundException($"The template has no variable '{name}'.");

    /// <summary>A deep copy of <paramref name="node"/> with every expression string evaluated in this scope.</summary>
    public JsonNode? Evaluate(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(pair =>
            KeyValuePair.Create(EvaluateKey(pair.Key), Evaluate(pair.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Evaluate)]),
        JsonValue value when value.TryGetValue<string>(out var text) => EvaluateString(text),
        _ => node.DeepClone(),
    };

    private string EvaluateKey(string key) =>
        ArmExpression.IsExpression(key) ? ArmExpression.Evaluate(key, this)?.ToString() ?? "" : key;

    private JsonNode? EvaluateString(string text)
    {
        if (ArmExpression.IsExpression(text))
        {
            return ArmExpression.Evaluate(text, this);
        }

        // "[[" escapes a literal string starting with "[".
        return JsonValue.Create(text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text);
    }
}
