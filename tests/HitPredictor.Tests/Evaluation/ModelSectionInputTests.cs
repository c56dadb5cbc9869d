using System.Text;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Evaluation;

/// <summary>Retraining stores the model section as data; the CLI draws it later from the same bytes.</summary>
public sealed class ModelSectionInputTests(SampleModelFixture sample)
{
    [Fact]
    public void FromJson_WrittenSection_GivesBackCardTiersProbabilitiesAndNote()
    {
        var input = new ModelSectionInput(sample.Package.Card, [Tier.Viral, Tier.Flop], [[0.5f, 0.25f, 0.125f, 0.125f], [0.1f, 0.2f, 0.3f, 0.4f]])
        {
            EvaluationNote = "This candidate was not promoted: <reason>",
        };

        var read = ModelSectionInput.FromJson(input.ToJson());

        read.Card.Version.Should().Be(sample.Package.Card.Version);
        read.Card.Metrics.Accuracy.Should().Be(sample.Package.Card.Metrics.Accuracy);
        read.Actual.Should().Equal(Tier.Viral, Tier.Flop);
        read.Probabilities.Should().BeEquivalentTo(input.Probabilities, o => o.WithStrictOrdering());
        read.EvaluationNote.Should().Be(input.EvaluationNote);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"actual\": []}")]
    [InlineData("{\"card\": {}, \"actual\": [\"Viral\"], \"probabilities\": []}")]
    public void FromJson_NotASection_FormatExceptionNamingTheFile(string json)
    {
        var read = () => ModelSectionInput.FromJson(Encoding.UTF8.GetBytes(json));

        read.Should().Throw<FormatException>().WithMessage("*model-section.json*");
    }
}
