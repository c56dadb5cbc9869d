using System.Reflection;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

namespace HitPredictor.Tests.Packaging;

public sealed class ModelCardTests(SampleModelFixture sample)
{
    private JsonNode Card => JsonNode.Parse(File.ReadAllText(Path.Combine(sample.Directory, ModelPackage.CardFileName)))!;

    [Theory]
    [InlineData("version")]
    [InlineData("createdAt")]
    [InlineData("dataset.name")]
    [InlineData("dataset.sha256")]
    [InlineData("hygiene.rowsRead")]
    [InlineData("hygiene.afterExcludedGenres")]
    [InlineData("hygiene.afterIncomplete")]
    [InlineData("hygiene.afterDeduplication")]
    [InlineData("hygiene.rejectedRows")]
    [InlineData("tiers.cutoffs.viral")]
    [InlineData("tiers.shares.Viral")]
    [InlineData("features")]
    [InlineData("genres")]
    [InlineData("trainer.name")]
    [InlineData("trainer.settings.trees")]
    [InlineData("metrics.accuracy")]
    [InlineData("metrics.macroF1")]
    [InlineData("metrics.logLoss")]
    [InlineData("metrics.majorityBaseline.accuracy")]
    [InlineData("metrics.perTier.Viral.precision")]
    [InlineData("metrics.perTier.Flop.support")]
    [InlineData("metrics.confusion.counts")]
    [InlineData("metrics.featureImportance")]
    [InlineData("metrics.artistGrouped.accuracy")]
    [InlineData("metrics.artistGrouped.macroF1")]
    [InlineData("metrics.calibration.method")]
    [InlineData("metrics.calibration.bins")]
    [InlineData("metrics.calibration.perTier.Viral.ece")]
    [InlineData("metrics.calibration.perTier.Hit.maxGap")]
    [InlineData("metrics.calibration.perTier.Mid.ece")]
    [InlineData("metrics.calibration.perTier.Flop.maxGap")]
    [InlineData("metrics.predictionSets.level")]
    [InlineData("metrics.predictionSets.coverage")]
    [InlineData("metrics.predictionSets.meanSize")]
    [InlineData("metrics.predictionSets.perTier.Viral.coverage")]
    [InlineData("metrics.calibrationCandidates")]
    [InlineData("metrics.artistGrouped.calibration.perTier.Viral.ece")]
    [InlineData("metrics.artistGrouped.predictionSets.coverage")]
    [InlineData("calibration.method")]
    [InlineData("calibration.decisionWeights.Viral")]
    [InlineData("calibration.predictionSetLevel")]
    [InlineData("mlNetVersion")]
    [InlineData("trainingSeconds")]
    public void CardJson_HasField(string path)
    {
        var node = path.Split('.').Aggregate<string, JsonNode?>(Card, (current, key) => current?[key]);

        node.Should().NotBeNull($"card.json must carry {path}");
    }

    [Fact]
    public void Card_Sample_DescribesDatasetAndHygiene()
    {
        var card = sample.Package.Card;

        card.Dataset.Name.Should().Be("spotify_tracks_sample.csv");
        card.Dataset.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
        card.Hygiene.RowsRead.Should().Be(7410);
        card.Hygiene.AfterExcludedGenres.Should().Be(7410 - 65);
        card.Genres.Should().NotContain("sleep").And.HaveCount(113);
        card.GenreShares.Values.Sum().Should().BeApproximately(1.0, 1e-3);
        card.Tiers.Shares.Values.Sum().Should().BeApproximately(1.0, 1e-3);
        card.Features.Should().EndWith("track_genre");
        card.MlNetVersion.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion
            .Should().StartWith(card.MlNetVersion + "+", "the card names the ML.NET release that trained it");
    }

    [Fact]
    public void CardJson_Roundtrip_IsLossless()
    {
        var card = sample.Package.Card;

        ModelCardJson.Deserialize(ModelCardJson.Serialize(card)).Should().BeEquivalentTo(card);
    }
}
