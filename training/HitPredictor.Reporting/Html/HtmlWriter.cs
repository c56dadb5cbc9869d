using System.Net;
using System.Text;
using HitPredictor.Reporting.Plots;

namespace HitPredictor.Reporting.Html;

/// <summary>
/// Writes report HTML: headings, paragraphs, tables and figures. Figures are embedded as base64 <c>data:</c> URIs and
/// the style sheet is inline, so a page is one self-contained file with no scripts and no external references.
/// </summary>
internal sealed class HtmlWriter
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
        h2 { border-bottom: 2px solid #1f77b4; padding-bottom: 0.2rem; margin-top: 2.5rem; }
        h3 { margin-top: 1.8rem; }
        table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.92rem; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { border: 1px solid #d0d4d9; padding: 0.25rem 0.6rem; }
        th { background: #f1f3f5; text-align: left; }
        td { text-align: right; font-variant-numeric: tabular-nums; }
        td:first-child { text-align: left; }
        figure { margin: 1rem 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #e3e6ea; }
        figcaption { font-size: 0.88rem; color: #555; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 0.8rem; }
        .grid figure { margin: 0; }
        .note { background: #fff4e5; border-left: 4px solid #ff7f0e; padding: 0.5rem 0.8rem; }
        .meta { color: #555; font-size: 0.9rem; }
        details { margin: 0.8rem 0; }
        summary { cursor: pointer; font-weight: bold; }
        """;

    private readonly StringBuilder _html = new();

    public HtmlWriter Heading(int level, string text, string? id = null)
    {
        var idAttribute = id is null ? "" : $" id=\"{Encode(id)}\"";
        _html.Append('<').Append('h').Append(level).Append(idAttribute).Append('>').Append(Encode(text))
            .Append("</h").Append(level).AppendLine(">");
        return this;
    }

    public HtmlWriter Paragraph(string text, string? cssClass = null)
    {
        var classAttribute = cssClass is null ? "" : $" class=\"{Encode(cssClass)}\"";
        _html.Append("<p").Append(classAttribute).Append('>').Append(Encode(text)).AppendLine("</p>");
        return this;
    }

    public HtmlWriter Note(string text) => Paragraph(text, "note");

    public HtmlWriter Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows, string? id = null)
    {
        var idAttribute = id is null ? "" : $" id=\"{Encode(id)}\"";
        _html.Append("<table").Append(idAttribute).Append("><caption>").Append(Encode(caption)).AppendLine("</caption>");
        _html.Append("<thead><tr>");
        foreach (var header in headers)
        {
            _html.Append("<th>").Append(Encode(header)).Append("</th>");
        }

        _html.AppendLine("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            foreach (var cell in row)
            {
                var cellId = cell.Id is null ? "" : $" id=\"{Encode(cell.Id)}\"";
                _html.Append("<td").Append(cellId).Append('>').Append(Encode(cell.Text)).Append("</td>");
            }

            _html.AppendLine("</tr>");
        }

        _html.AppendLine("</tbody></table>");
        return this;
    }

    public HtmlWriter Figure(RenderedPlot plot)
    {
        _html.Append("<figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(plot.Png.Span))
            .Append("\" width=\"").Append(plot.Width).Append("\" height=\"").Append(plot.Height)
            .Append("\" alt=\"").Append(Encode(plot.Title)).Append("\" data-file=\"").Append(Encode(plot.FileName)).Append("\">")
            .Append("<figcaption>").Append(Encode(plot.Caption)).AppendLine("</figcaption></figure>");
        return this;
    }

    public HtmlWriter Grid(IEnumerable<RenderedPlot> plots)
    {
        _html.AppendLine("<div class=\"grid\">");
        foreach (var plot in plots)
        {
            Figure(plot);
        }

        _html.AppendLine("</div>");
        return this;
    }

    /// <summary>Content folded away under a summary line (HTML details: no script needed).</summary>
    public HtmlWriter Details(string summary, Action<HtmlWriter> content)
    {
        _html.Append("<details><summary>").Append(Encode(summary)).AppendLine("</summary>");
        content(this);
        _html.AppendLine("</details>");
        return this;
    }

    /// <summary>A fragment written by another writer, as it is.</summary>
    public HtmlWriter Fragment(string html)
    {
        _html.Append(html);
        return this;
    }

    /// <summary>What has been written so far, as a fragment to place in a page.</summary>
    public string ToFragment() => _html.ToString();

    /// <summary>A whole page: doctype, inline style sheet, the given title, and what has been written as its body.</summary>
    public string ToPage(string title) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>
        {_html}
        </body>
        </html>

        """;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
