using System.Text.RegularExpressions;
using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>
/// Every relative link in the README, docs/, azure.yaml and infra/ resolves: markdown links to a file that exists
/// (and, with an anchor into a markdown file, to one of its headings), and file names mentioned in azure.yaml and
/// the Bicep files to a file beside them, in infra/ or at the repository's root.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    [Fact]
    public void MarkdownLinks_InReadmeAndDocs_AllResolve()
    {
        var files = new[] { Path.Combine(Repository.Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Repository.InfraDirectory, "*.md", SearchOption.AllDirectories))
            .ToArray();

        var broken = files.SelectMany(BrokenMarkdownLinks).ToArray();

        files.Should().HaveCountGreaterThan(5);
        broken.Should().BeEmpty("every relative link must point at a file (and heading) that exists");
    }

    [Fact]
    public void FileMentions_InAzureYamlAndBicep_AllResolve()
    {
        var files = new[] { Path.Combine(Repository.Root, "azure.yaml") }
            .Concat(Directory.EnumerateFiles(Repository.InfraDirectory, "*.bicep", SearchOption.AllDirectories))
            .ToArray();

        var broken = files.SelectMany(file => FileMention().Matches(File.ReadAllText(file))
                .Select(m => m.Value)
                .Where(mention => !new[] { Path.GetDirectoryName(file)!, Repository.InfraDirectory, Repository.Root }.Any(directory => Exists(directory, mention)))
                .Select(mention => $"{Relative(file)}: {mention}"))
            .ToArray();

        broken.Should().BeEmpty("a file named in azure.yaml or a Bicep file must exist beside it, in infra/ or at the repository's root");
    }

    private static IEnumerable<string> BrokenMarkdownLinks(string file)
    {
        var directory = Path.GetDirectoryName(file)!;
        foreach (Match match in MarkdownLink().Matches(StripCode(File.ReadAllText(file))))
        {
            var target = match.Groups["target"].Value.Trim();
            if (target.Length == 0 || External().IsMatch(target))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(directory, path));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                yield return $"{Relative(file)}: {target} (no such file)";
            }
            else if (anchor is { Length: > 0 } && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Anchors(resolved).Contains(anchor))
            {
                yield return $"{Relative(file)}: {target} (no such heading)";
            }
        }
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces to '-'.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        [.. Heading().Matches(StripCode(File.ReadAllText(markdown)))
            .Select(m => Slug().Replace(m.Groups["title"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-'))];

    /// <summary>Fenced code blocks hold example text, not links.</summary>
    private static string StripCode(string markdown) => Fence().Replace(markdown, "");

    private static bool Exists(string directory, string mention) =>
        File.Exists(Path.Combine(directory, mention)) || Directory.Exists(Path.Combine(directory, mention));

    private static string Relative(string file) => Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');

    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex External();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}\s_-]")]
    private static partial Regex Slug();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    /// <summary>A relative path ending in a documentation or infrastructure file name (not part of a URL).</summary>
    [GeneratedRegex(@"(?<![\w/:.-])(?:\.{1,2}/)?(?:[\w-]+/)*[\w-]+(?:\.[\w-]+)*\.(?:md|bicep|bicepparam|sh|ps1)\b")]
    private static partial Regex FileMention();
}
