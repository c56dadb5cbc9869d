using System.Security.Cryptography;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Data;

namespace HitPredictor.Tests.Data;

public sealed class DatasetSamplerTests
{
    [Fact]
    public async Task Sample_FullDatasetWithDocumentedSettings_ReproducesTheBuiltInSampleByteForByte()
    {
        var full = TestPaths.FullDataset;
        if (full is null)
        {
            Assert.Skip("The full dataset ../shared/data/spotify_tracks.csv is absent, so the sample cannot be redrawn.");
        }

        using var temp = new TempDirectory();
        var target = temp.File("sample.csv");

        var rows = await DatasetSampler.SampleAsync(full, target, perGenre: 65, seed: 42, TestContext.Current.CancellationToken);

        rows.Should().Be(7410);
        Hash(target).Should().Be(Hash(TestPaths.Sample));
    }

    [Fact]
    public async Task Sample_SmallFile_KeepsAtMostPerGenreRowsVerbatimInFileOrder()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("in.csv", Csv.File(
            Csv.Row(0, genre: "rock", track: "\"a, quoted\""), Csv.Row(1, genre: "pop"), Csv.Row(2, genre: "rock"), Csv.Row(3, genre: "rock")));
        var target = temp.File("out.csv");

        var rows = await DatasetSampler.SampleAsync(source, target, perGenre: 2, seed: 1, TestContext.Current.CancellationToken);

        rows.Should().Be(3);
        var lines = await File.ReadAllLinesAsync(target, TestContext.Current.CancellationToken);
        lines[0].Should().Be(Csv.Header);
        lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        lines.Count(l => l.EndsWith(",rock", StringComparison.Ordinal)).Should().Be(2);
        File.ReadAllText(source).Should().Contain(lines[1]);
    }

    private static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
