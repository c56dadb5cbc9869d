using System.Text.Json.Nodes;

namespace HitPredictor.InfraTests.Infrastructure;

/// <summary>
/// A compiled ARM template with its nested deployments (Bicep modules) opened up: every resource it
/// deploys, with its properties evaluated as far as can be known before deployment.
/// </summary>
public sealed class CompiledTemplate
{
    private CompiledTemplate(JsonObject json, ArmScope scope, IReadOnlyList<ArmResource> resources)
    {
        Json = json;
        Scope = scope;
        Resources = resources;
    }

    public JsonObject Json { get; }

    public ArmScope Scope { get; }

    /// <summary>Every resource, modules included; the deployments themselves are in <see cref="Deployments"/>.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public IEnumerable<ArmResource> Deployments => Resources.Where(r => r.Type == DeploymentType);

    private const string DeploymentType = "Microsoft.Resources/deployments";

    public static CompiledTemplate Create(JsonObject json, IReadOnlyDictionary<string, JsonNode?>? parameterValues = null)
    {
        var scope = ArmScope.Root(json, parameterValues ?? new Dictionary<string, JsonNode?>());
        var resources = new List<ArmResource>();
        Collect(json, scope, "", resources);
        return new CompiledTemplate(json, scope, resources);
    }

    /// <summary>The resources of one type (case-insensitive, as ARM compares types).</summary>
    public IReadOnlyList<ArmResource> OfType(string type) =>
        [.. Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one resource of a type; fails if there is none or more than one.</summary>
    public ArmResource One(string type)
    {
        var matches = OfType(type);
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type}, found {matches.Count}.");
    }

    /// <summary>The evaluated value of an output of the top-level template.</summary>
    public JsonNode? Output(string name) =>
        Json["outputs"]?[name] is JsonObject output
            ? Scope.Evaluate(output["value"])
            : throw new KeyNotFoundException($"The template has no output '{name}'.");

    public IReadOnlyList<string> OutputNames => [.. (Json["outputs"] as JsonObject ?? []).Select(pair => pair.Key)];

    public IReadOnlyList<string> ParameterNames => [.. (Json["parameters"] as JsonObject ?? []).Select(pair => pair.Key)];

    private static void Collect(JsonObject template, ArmScope scope, string path, List<ArmResource> into)
    {
        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(pair => pair.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            var armResource = new ArmResource(resource, scope, path);
            into.Add(armResource);
            if (armResource.Type == DeploymentType && resource["properties"]?["template"] is JsonObject)
            {
                var name = scope.Evaluate(resource["name"])?.ToString() ?? "?";
                Collect(resource["properties"]!["template"]!.AsObject(), scope.Nested(resource), $"{path}/{name}", into);
            }
        }
    }
}

/// <summary>One resource of a compiled template and the scope its expressions are evaluated in.</summary>
public sealed class ArmResource(JsonObject json, ArmScope scope, string deploymentPath)
{
    private JsonObject? _evaluated;

    public JsonObject Json { get; } = json;

    /// <summary>The scope its expressions are evaluated in (its template's parameters and variables).</summary>
    public ArmScope Scope { get; } = scope;

    /// <summary>Where it sits: "" for the top level, "/hosting" inside the hosting module.</summary>
    public string DeploymentPath { get; } = deploymentPath;

    public string Type => Json["type"]!.GetValue<string>();

    /// <summary>The resource with its expressions evaluated (a nested template is left as compiled).</summary>
    public JsonObject Evaluated => _evaluated ??= Evaluate();

    public string Name => Evaluated["name"]?.ToString() ?? "";

    public JsonNode? this[string path] =>
        path.Split('.').Aggregate((JsonNode?)Evaluated, (node, key) => node?[key]);

    private JsonObject Evaluate()
    {
        var copy = new JsonObject();
        foreach (var (key, value) in Json)
        {
            copy[key] = key == "properties" && Type == "Microsoft.Resources/deployments"
                ? value?.DeepClone()
                : Scope.Evaluate(value);
        }

        return copy;
    }
}
