using System.Text;
using AwesomeAssertions;
using HitPredictor.Serving.Catalog;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Data;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Tests.Catalog;

public sealed class CatalogSplitterTests(SampleModelFixture sample)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Split_250Rows_ChunksOf100KeepTheHeaderAndTheirFirstInputLine()
    {
        await using var harness = await CatalogHarness.StartAsync(sample);
        var written = new List<ChunkRange>();

        var chunks = await SplitAsync(harness, CatalogHarness.Rows(250), written);

        chunks.Should().Equal(new ChunkRange(0, 2, 100), new ChunkRange(1, 102, 100), new ChunkRange(2, 202, 50));
        written.Should().Equal(chunks);
        var second = await ReadAsync(harness, 1);
        second.Split('\n')[0].Should().Be(Csv.Header);
        second.Split('\n')[1].Should().Be(Csv.Row(100));
    }

    [Fact]
    public async Task Split_QuotedLineBreak_RowKeptWholeAndLaterChunksStartOnTheirTrueLine()
    {
        await using var harness = await CatalogHarness.StartAsync(sample);
        var content = CatalogHarness.Rows(150, i => i == 10 ? Csv.Row(i, track: "\"Two\nlines\"") : Csv.Row(i));

        var chunks = await SplitAsync(harness, content, []);

        chunks.Select(c => c.FirstLine).Should().Equal(2, 103);
        (await ReadAsync(harness, 0)).Should().Contain("\"Two\nlines\"");
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData(Csv.Header + "\n", "The file has a header but no tracks.")]
    [InlineData("\0\u0001PK\u0003\u0004binary", "not text CSV")]
    [InlineData("name,artist\nx,y\n", "none of the track's input columns")]
    public async Task Split_UnscoreableUpload_RejectedWithTheReadersReason(string content, string reason)
    {
        await using var harness = await CatalogHarness.StartAsync(sample);

        var split = () => SplitAsync(harness, content, []);

        (await split.Should().ThrowAsync<DatasetFormatException>()).Which.Message.Should().Contain(reason);
    }

    private async Task<IReadOnlyList<ChunkRange>> SplitAsync(CatalogHarness harness, string content, List<ChunkRange> written)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var splitter = new CatalogSplitter(harness.Files);
        var options = CsvBatchScorer.ReaderOptions(sample.Package);
        return await splitter.SplitAsync(input, options, "run", CatalogHarness.ChunkRows, (c, _) =>
        {
            written.Add(c);
            return Task.CompletedTask;
        }, Ct);
    }

    private static async Task<string> ReadAsync(CatalogHarness harness, int index)
    {
        await using var stream = await harness.Files.OpenReadAsync(CatalogNames.Runs, CatalogPaths.Chunk("run", index), Ct);
        return await new StreamReader(stream).ReadToEndAsync(Ct);
    }
}
