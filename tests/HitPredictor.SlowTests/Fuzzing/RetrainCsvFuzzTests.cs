using System.Globalization;
using System.Text;
using AwesomeAssertions;
using CsCheck;
using HitPredictor.Serving.Retraining;
using HitPredictor.Tests.Retraining;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Fuzzing;

/// <summary>
/// Generated CSV uploads through the retraining service (inspect, hash, lock, reading, hygiene and the checks on what is
/// left): columns, encodings, quoting, line endings, numeric formats and truncation. No run may throw, every run writes
/// its report, and <c>current.json</c> moves only when the run says the gate promoted the candidate. A handful go on
/// through training (a tiny forest) and the gate.
/// </summary>
public sealed class RetrainCsvFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Uploads = 1_000;

    private static readonly string[] SampleLines = File.ReadAllLines(TestPaths.Sample);

    private static readonly string[] NumberForms = ["1,5", "1e3", "NaN", "Infinity", "-0", " 0.5 ", "0x10", "", "\"0.5\"", "1.7976931348623157E+309", new string('7', 400), "½", "٣"];

    private readonly RetrainHarness _harness = new();

    /// <summary>Rows of the sample as fields (the sample has no quoted commas in the columns edited here).</summary>
    private static readonly Gen<List<string[]>> Rows =
        Gen.Select(Gen.Int[1, SampleLines.Length - 1], Gen.Int[0, 60], (start, count) =>
            SampleLines.Skip(start).Take(count).Select(Fields).ToList());

    /// <summary>One change to the table: a column dropped, moved, renamed, repeated or added; a cell reformatted or quoted.</summary>
    private static readonly Gen<Action<List<string>, List<string[]>>> Edit = Gen.OneOf(
        Gen.Int[0, 20].Select<int, Action<List<string>, List<string[]>>>(c => (header, rows) => Drop(header, rows, c % header.Count)),
        Gen.Select<int, int, Action<List<string>, List<string[]>>>(Gen.Int[0, 20], Gen.Int[0, 20], (a, b) => (header, rows) => Swap(header, rows, a % header.Count, b % header.Count)),
        Gen.Int[0, 20].Select<int, Action<List<string>, List<string[]>>>(c => (header, _) => header[c % header.Count] = header[c % header.Count].ToUpperInvariant()),
        Gen.Int[0, 20].Select<int, Action<List<string>, List<string[]>>>(c => (header, _) => header.Add(header[c % header.Count])),
        Gen.Const<Action<List<string>, List<string[]>>>((header, rows) => { header.Add("extra"); rows.ForEach(r => r[^1] += ",x"); }),
        Gen.Select<int, int, int, Action<List<string>, List<string[]>>>(Gen.Int[0, 60], Gen.Int[0, 20], Gen.Int[0, NumberForms.Length - 1],
            (r, c, f) => (header, rows) => { if (rows.Count > 0) { rows[r % rows.Count][c % rows[r % rows.Count].Length] = NumberForms[f]; } }),
        Gen.Select<int, int, Action<List<string>, List<string[]>>>(Gen.Int[0, 60], Gen.Int[0, 20],
            (r, c) => (header, rows) => { if (rows.Count > 0) { var row = rows[r % rows.Count]; row[c % row.Length] = "\"" + row[c % row.Length].Replace("\"", "\"\"", StringComparison.Ordinal) + "\""; } }),
        Gen.Select<int, int, Action<List<string>, List<string[]>>>(Gen.Int[0, 60], Gen.Int[0, 20],
            (r, c) => (header, rows) => { if (rows.Count > 0) { var row = rows[r % rows.Count]; row[c % row.Length] = "\"a,\nb \"\"c\"\"\""; } }),
        Gen.Int[0, 60].Select<int, Action<List<string>, List<string[]>>>(r => (_, rows) => { if (rows.Count > 0) { rows[r % rows.Count][0] = "\"unbalanced"; } }),
        Gen.Const<Action<List<string>, List<string[]>>>((header, _) => header.Clear()));

    private static readonly Gen<string> LineEnding = Gen.OneOf("\n", "\r\n", "\r", "\n\n");

    /// <summary>How the text becomes bytes: UTF-8 (with or without BOM), UTF-16, Latin-1, a stray byte, truncation.</summary>
    private static readonly Gen<Func<string, byte[]>> Encode = Gen.OneOf(
        Gen.Const<Func<string, byte[]>>(Encoding.UTF8.GetBytes),
        Gen.Const<Func<string, byte[]>>(Encoding.UTF8.GetBytes),
        Gen.Const<Func<string, byte[]>>(t => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(t)]),
        Gen.Const<Func<string, byte[]>>(t => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(t)]),
        Gen.Const<Func<string, byte[]>>(t => Encoding.Latin1.GetBytes(t + "é")),
        Gen.Select<int, byte, Func<string, byte[]>>(Gen.Int[0, int.MaxValue], Gen.Byte, (at, b) => t =>
        {
            var bytes = Encoding.UTF8.GetBytes(t);
            var where = at % (bytes.Length + 1);
            return [.. bytes[..where], b, .. bytes[where..]];
        }),
        Gen.Int[0, int.MaxValue].Select<int, Func<string, byte[]>>(at => t =>
        {
            var bytes = Encoding.UTF8.GetBytes(t);
            return bytes[..(at % (bytes.Length + 1))];
        }));

    private static readonly Gen<byte[]> Upload =
        Gen.Select(Rows, Edit.Array[0, 4], LineEnding, Encode, (rows, edits, newline, encode) =>
        {
            var header = Fields(SampleLines[0]).ToList();
            foreach (var edit in edits.TakeWhile(_ => header.Count > 0))
            {
                edit(header, rows); // once the header is gone, there are no columns left to edit
            }

            var lines = (header.Count == 0 ? [] : new[] { string.Join(",", header) }).Concat(rows.Select(r => string.Join(",", r)));
            return encode(string.Join(newline, lines) + newline);
        });

    [Fact]
    public void Retrain_AThousandGeneratedUploads_NeverThrowsAndLeavesThePointerAlone()
    {
        // Arrange
        var outcomes = new Dictionary<RetrainOutcome, int>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var runs = 0;

        // Act + Assert (one run at a time: the pointer is compared before and after each)
        Upload.Sample(bytes =>
        {
            var before = File.Exists(_harness.PointerPath) ? File.ReadAllBytes(_harness.PointerPath) : null;
            var report = _harness.RunAsync(_harness.Write($"upload-{runs}.csv", bytes)).GetAwaiter().GetResult();

            runs++;
            outcomes[report.Outcome] = outcomes.GetValueOrDefault(report.Outcome) + 1;
            var reason = ReasonKind(report.Reason);
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            File.Exists(_harness.Stores.Reports.Locate(report.Dataset, report.RunId)).Should().BeTrue();
            ThePointerMovedOnlyOnPromotion(before, report);
        }, iter: Uploads, threads: 1, print: b => Encoding.UTF8.GetString(b.AsSpan(0, Math.Min(b.Length, 400))));

        // Report
        output.WriteLine($"{runs:N0} generated uploads through reading, hygiene and validation: " +
            string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} x {o.Value:N0}")) + "; 0 threw. Reasons: " +
            string.Join("; ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} x {r.Value:N0}")));
        runs.Should().BeGreaterThanOrEqualTo(Uploads);
    }

    [Fact]
    public async Task Retrain_AHandfulOfMutatedUploadsThroughTraining_PointerMovesOnlyOnAPassingGate()
    {
        // Arrange: every sixth sample row (every genre), lightly damaged, a tiny forest
        _harness.Options.MinTracks = 500;
        _harness.Options.Trees = 4;
        _harness.Options.Leaves = 16;
        var header = SampleLines[0];
        var rows = SampleLines.Skip(1).Where((_, i) => i % 6 == 0).ToArray();
        var outcomes = new List<string>();
        var random = new Random(12);

        for (var run = 0; run < 3; run++)
        {
            var damaged = rows.Select(r => random.Next(40) == 0 ? r.Replace(",", ",,", StringComparison.Ordinal) : r);
            var newline = run % 2 == 0 ? "\r\n" : "\n";
            var bytes = Encoding.UTF8.GetBytes(string.Join(newline, [header, .. damaged]) + newline);
            if (run == 2)
            {
                bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
            }

            var before = File.Exists(_harness.PointerPath) ? File.ReadAllBytes(_harness.PointerPath) : null;

            // Act
            var report = await _harness.RunAsync(_harness.Write($"train-{run}.csv", bytes));

            // Assert
            report.Timings.Should().ContainKey("train", report.Reason);
            ThePointerMovedOnlyOnPromotion(before, report);
            outcomes.Add(string.Create(CultureInfo.InvariantCulture, $"{report.Outcome} ({report.RejectedRows!.Total} rows rejected)"));
        }

        output.WriteLine("3 mutated uploads through training and the gate: " + string.Join(", ", outcomes));
    }

    public void Dispose() => _harness.Dispose();

    private void ThePointerMovedOnlyOnPromotion(byte[]? before, RetrainReport report)
    {
        var after = File.Exists(_harness.PointerPath) ? File.ReadAllBytes(_harness.PointerPath) : null;
        var moved = !(before ?? []).AsSpan().SequenceEqual(after ?? []);
        moved.Should().Be(report.Outcome == RetrainOutcome.Promoted, report.Reason);
        if (moved)
        {
            report.Rule.Should().NotBeNullOrEmpty();
            Encoding.UTF8.GetString(after!).Should().Contain(report.Candidate!.Version);
        }
    }

    private static string[] Fields(string line) => line.Split(',');

    /// <summary>A reason without its numbers and quoted input, so runs group by kind.</summary>
    private static string ReasonKind(string reason)
    {
        var words = reason.Replace("Rejected: ", "", StringComparison.Ordinal).Split(' ', 6);
        return string.Join(' ', words.Take(5).Select(w => w.Any(char.IsDigit) || w.Contains('\'') ? "N" : w));
    }

    private static void Drop(List<string> header, List<string[]> rows, int column)
    {
        header.RemoveAt(column);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i] = [.. rows[i].Where((_, c) => c != column)];
        }
    }

    private static void Swap(List<string> header, List<string[]> rows, int a, int b)
    {
        (header[a], header[b]) = (header[b], header[a]);
        foreach (var row in rows.Where(r => r.Length > Math.Max(a, b)))
        {
            (row[a], row[b]) = (row[b], row[a]);
        }
    }
}
