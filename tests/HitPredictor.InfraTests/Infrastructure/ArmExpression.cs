using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HitPredictor.InfraTests.Infrastructure;

/// <summary>
/// Evaluates the small part of the ARM template expression language the tests need: literals,
/// <c>parameters</c>, <c>variables</c>, <c>format</c>, <c>concat</c>, <c>string</c>, <c>toLower</c>,
/// <c>toUpper</c>, <c>empty</c>, <c>not</c>, <c>equals</c>, <c>if</c>, <c>split</c>, <c>createArray</c>, <c>union</c> and
/// <c>createObject</c>, with property and index access.
/// Anything else (reference, resourceId, uniqueString, listKeys...) is known only at deployment time:
/// it evaluates to a marker string <c>⟨expression text⟩</c>, so a test can still see what it refers to,
/// and a marker never equals a literal a test expects.
/// </summary>
public static class ArmExpression
{
    public const char MarkerStart = '⟨';
    public const char MarkerEnd = '⟩';

    /// <summary>True for a template string that is an expression (<c>[...]</c>, not the escaped <c>[[...</c>).</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && text[1] != '[';

    /// <summary>Evaluates the expression inside the brackets of <paramref name="text"/> in <paramref name="scope"/>.</summary>
    public static JsonNode? Evaluate(string text, ArmScope scope)
    {
        var parser = new Parser(text[1..^1]);
        var node = parser.ParseAll();
        return Materialize(Evaluate(node, scope));
    }

    private static JsonNode? Materialize(Value value) =>
        value.IsResolved ? value.Node?.DeepClone() : JsonValue.Create(Marker(value.UnresolvedText!));

    private static string Marker(string text) => $"{MarkerStart}{text}{MarkerEnd}";

    private static Value Evaluate(Node node, ArmScope scope) => node switch
    {
        Literal literal => Value.Of(literal.Json),
        Call call => EvaluateCall(call, scope),
        Member member => Access(Evaluate(member.Target, scope), value => value is JsonObject o ? Find(o, member.Name) : null, member.Text),
        Index index => EvaluateIndex(index, scope),
        _ => throw new InvalidOperationException($"Unknown node {node}."),
    };

    private static Value EvaluateIndex(Index index, ArmScope scope)
    {
        var key = Evaluate(index.Key, scope);
        if (!key.IsResolved)
        {
            return Value.Unresolved(index.Text);
        }

        return Access(Evaluate(index.Target, scope), value => (value, key.Node) switch
        {
            (JsonArray array, JsonValue number) when number.TryGetValue<int>(out var i) && i >= 0 && i < array.Count => array[i],
            (JsonObject obj, JsonValue name) when name.TryGetValue<string>(out var n) => Find(obj, n),
            _ => null,
        }, index.Text);
    }

    private static Value Access(Value target, Func<JsonNode?, JsonNode?> select, string text) =>
        target.IsResolved ? Value.Of(select(target.Node)) : Value.Unresolved(text);

    // ARM property names are case-insensitive.
    private static JsonNode? Find(JsonObject obj, string name) =>
        obj.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static Value EvaluateCall(Call call, ArmScope scope)
    {
        var name = call.Name.ToUpperInvariant();
        switch (name)
        {
            case "PARAMETERS" or "VARIABLES":
                var key = Evaluate(call.Arguments[0], scope);
                if (!key.IsResolved || key.Node is not JsonValue keyValue || !keyValue.TryGetValue<string>(out var keyName))
                {
                    return Value.Unresolved(call.Text);
                }

                var found = name == "PARAMETERS" ? scope.Parameter(keyName) : scope.Variable(keyName);
                return found is JsonValue v && v.TryGetValue<string>(out var s) && IsMarker(s)
                    ? Value.Unresolved(s[1..^1])
                    : Value.Of(found);
            case "FORMAT":
                return Value.Of(JsonValue.Create(Format(call, scope)));
            case "CONCAT":
                return Value.Of(JsonValue.Create(string.Concat(call.Arguments.Select(a => AsText(Evaluate(a, scope))))));
            case "STRING":
                return Value.Of(JsonValue.Create(AsText(Evaluate(call.Arguments[0], scope))));
            case "TOLOWER" or "TOUPPER":
                var argument = Evaluate(call.Arguments[0], scope);
                if (!argument.IsResolved)
                {
                    return Value.Unresolved(call.Text);
                }

                var text = AsText(argument);
                return Value.Of(JsonValue.Create(name == "TOLOWER" ? text.ToLowerInvariant() : text.ToUpperInvariant()));
            case "EMPTY":
                var subject = Evaluate(call.Arguments[0], scope);
                return !subject.IsResolved ? Value.Unresolved(call.Text) : Value.Of(JsonValue.Create(subject.Node switch
                {
                    null => true,
                    JsonArray array => array.Count == 0,
                    JsonObject obj => obj.Count == 0,
                    JsonValue value when value.TryGetValue<string>(out var str) => str.Length == 0,
                    _ => false,
                }));
            case "NOT":
                var operand = Evaluate(call.Arguments[0], scope);
                return operand.IsResolved && operand.Node is JsonValue b && b.TryGetValue<bool>(out var flag)
                    ? Value.Of(JsonValue.Create(!flag))
                    : Value.Unresolved(call.Text);
            case "EQUALS":
                var left = Evaluate(call.Arguments[0], scope);
                var right = Evaluate(call.Arguments[1], scope);
                return left.IsResolved && right.IsResolved
                    ? Value.Of(JsonValue.Create(JsonNode.DeepEquals(left.Node, right.Node)))
                    : Value.Unresolved(call.Text);
            case "IF":
                var test = Evaluate(call.Arguments[0], scope);
                return test.IsResolved && test.Node is JsonValue t && t.TryGetValue<bool>(out var condition)
                    ? Evaluate(call.Arguments[condition ? 1 : 2], scope)
                    : Value.Unresolved(call.Text);
            case "SPLIT":
                var whole = Evaluate(call.Arguments[0], scope);
                return whole.IsResolved
                    ? Value.Of(new JsonArray([.. AsText(whole).Split(AsText(Evaluate(call.Arguments[1], scope))).Select(part => (JsonNode?)JsonValue.Create(part))]))
                    : Value.Unresolved(call.Text);
            case "CREATEARRAY":
                return Value.Of(new JsonArray([.. call.Arguments.Select(a => Materialize(Evaluate(a, scope)))]));
            case "CREATEOBJECT":
                var created = new JsonObject();
                for (var i = 0; i + 1 < call.Arguments.Count; i += 2)
                {
                    created[AsText(Evaluate(call.Arguments[i], scope))] = Materialize(Evaluate(call.Arguments[i + 1], scope));
                }

                return Value.Of(created);
            case "UNION":
                var merged = new JsonObject();
                foreach (var part in call.Arguments.Select(a => Evaluate(a, scope)))
                {
                    if (!part.IsResolved || part.Node is not JsonObject partObject)
                    {
                        return Value.Unresolved(call.Text);
                    }

                    foreach (var (propertyName, propertyValue) in partObject)
                    {
                        merged[propertyName] = propertyValue?.DeepClone();
                    }
                }

                return Value.Of(merged);
            default:
                return Value.Unresolved(call.Text);
        }
    }

    private static bool IsMarker(string text) =>
        text.Length >= 2 && text[0] == MarkerStart && text[^1] == MarkerEnd;

    private static string Format(Call call, ArmScope scope)
    {
        var template = AsText(Evaluate(call.Arguments[0], scope));
        var arguments = call.Arguments.Skip(1).Select(a => AsText(Evaluate(a, scope))).ToArray();
        var result = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                result.Append('{');
                i++;
            }
            else if (template[i] == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                result.Append('}');
                i++;
            }
            else if (template[i] == '{')
            {
                var close = template.IndexOf('}', i);
                var position = int.Parse(template.AsSpan(i + 1, close - i - 1), CultureInfo.InvariantCulture);
                result.Append(arguments[position]);
                i = close;
            }
            else
            {
                result.Append(template[i]);
            }
        }

        return result.ToString();
    }

    private static string AsText(Value value)
    {
        if (!value.IsResolved)
        {
            return Marker(value.UnresolvedText!);
        }

        return value.Node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "True" : "False",
            JsonValue v => v.ToJsonString(),
            var other => other.ToJsonString(),
        };
    }

    private readonly record struct Value(bool IsResolved, JsonNode? Node, string? UnresolvedText)
    {
        public static Value Of(JsonNode? node) => new(true, node, null);

        public static Value Unresolved(string text) => new(false, null, text);
    }

    private abstract record Node(string Text);

    private sealed record Literal(JsonNode? Json, string Text) : Node(Text);

    private sealed record Call(string Name, IReadOnlyList<Node> Arguments, string Text) : Node(Text);

    private sealed record Member(Node Target, string Name, string Text) : Node(Text);

    private sealed record Index(Node Target, Node Key, string Text) : Node(Text);

    private sealed class Parser(string source)
    {
        private int _position;

        public Node ParseAll()
        {
            var node = ParseExpression();
            SkipSpace();
            return _position == source.Length
                ? node
                : throw new FormatException($"Unexpected '{source[_position..]}' in [{source}].");
        }

        private Node ParseExpression()
        {
            SkipSpace();
            var start = _position;
            var node = ParsePrimary();
            while (_position < source.Length)
            {
                if (source[_position] == '.')
                {
                    _position++;
                    var name = ReadIdentifier();
                    node = new Member(node, name, source[start.._position]);
                }
                else if (source[_position] == '[')
                {
                    _position++;
                    var key = ParseExpression();
                    Expect(']');
                    node = new Index(node, key, source[start.._position]);
                }
                else
                {
                    break;
                }
            }

            return node;
        }

        private Node ParsePrimary()
        {
            var start = _position;
            var c = source[_position];
            if (c == '\'')
            {
                var text = new StringBuilder();
                _position++;
                while (true)
                {
                    if (source[_position] == '\'')
                    {
                        if (_position + 1 < source.Length && source[_position + 1] == '\'')
                        {
                            text.Append('\'');
                            _position += 2;
                            continue;
                        }

                        _position++;
                        break;
                    }

                    text.Append(source[_position++]);
                }

                return new Literal(JsonValue.Create(text.ToString()), source[start.._position]);
            }

            if (char.IsDigit(c) || c == '-')
            {
                _position++;
                while (_position < source.Length && char.IsDigit(source[_position]))
                {
                    _position++;
                }

                var number = long.Parse(source.AsSpan(start, _position - start), CultureInfo.InvariantCulture);
                return new Literal(JsonValue.Create(number), source[start.._position]);
            }

            var name = ReadIdentifier();
            Expect('(');
            var arguments = new List<Node>();
            SkipSpace();
            if (source[_position] != ')')
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipSpace();
                }
                while (TryConsume(','));
            }

            Expect(')');
            return new Call(name, arguments, source[start.._position]);
        }

        private string ReadIdentifier()
        {
            var start = _position;
            while (_position < source.Length && (char.IsLetterOrDigit(source[_position]) || source[_position] == '_'))
            {
                _position++;
            }

            return _position > start
                ? source[start.._position]
                : throw new FormatException($"Expected a name at {start} in [{source}].");
        }

        private bool TryConsume(char expected)
        {
            SkipSpace();
            if (_position < source.Length && source[_position] == expected)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Expect(char expected)
        {
            if (!TryConsume(expected))
            {
                throw new FormatException($"Expected '{expected}' at {_position} in [{source}].");
            }
        }

        private void SkipSpace()
        {
            while (_position < source.Length && char.IsWhiteSpace(source[_position]))
            {
                _position++;
            }
        }
    }
}
