using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace HitPredictor.Cli;

/// <summary>
/// Command-line errors (an unknown option, a value of the wrong type, a missing required option): each error on its
/// own line in plain words (no .NET type names), then where to find the options, and exit code 2; not the whole help.
/// </summary>
internal static partial class UsageErrors
{
    public static int Report(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var error in parse.Errors)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {Describe(error)}");
        }

        var command = string.Join(' ', CommandPath(parse.CommandResult));
        AnsiConsole.MarkupLineInterpolated($"Run '{command} --help' to see its options.");
        return ExitCodes.BadInput;
    }

    private static string Describe(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is not null && (TypeName().IsMatch(error.Message) || IsEnum(option.Option.ValueType)))
        {
            var value = string.Join(' ', option.Tokens.Select(t => t.Value));
            return $"{option.Option.Name}: '{value}' is not {Expected(option.Option.ValueType)}.";
        }

        var message = Lines().Replace(TypeName().Replace(error.Message, "a valid value"), " ");
        return option is null ? message : $"{option.Option.Name}: {message}";
    }

    private static bool IsEnum(Type type) => (Nullable.GetUnderlyingType(type) ?? type).IsEnum;

    private static string Expected(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        if (bare.IsArray)
        {
            bare = bare.GetElementType()!;
        }

        return bare switch
        {
            _ when bare == typeof(double) || bare == typeof(float) || bare == typeof(decimal) => "a number",
            _ when bare == typeof(int) || bare == typeof(long) => "a whole number",
            _ when bare == typeof(bool) => "true or false",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(bare).Select(n => n.ToLowerInvariant())),
            _ => "a valid value",
        };
    }

    private static IEnumerable<string> CommandPath(CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r is not null; r = r.Parent as CommandResult)
        {
            names.Push(r.Parent is null ? "hitpredictor" : r.Command.Name);
        }

        return names;
    }

    /// <summary>Line breaks and the indentation after them (System.CommandLine lists allowed values one per line).</summary>
    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex Lines();

    /// <summary>A .NET type name in quotes, as System.CommandLine writes it: <c>'System.Nullable`1[System.Double]'</c>.</summary>
    [GeneratedRegex(@"'System\.[^']*'")]
    private static partial Regex TypeName();
}
