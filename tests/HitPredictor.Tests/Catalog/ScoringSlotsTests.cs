using AwesomeAssertions;
using HitPredictor.Serving.Catalog;
using Microsoft.Extensions.Options;

namespace HitPredictor.Tests.Catalog;

public sealed class ScoringSlotsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_MoreChunksThanSlots_TheExtraWaitsForAFreeSlot()
    {
        // Arrange
        using var slots = new ScoringSlots(Options.Create(new CatalogOptions { MaxConcurrentScoring = 1 }));
        var firstHolds = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = false;

        // Act
        var first = slots.RunAsync(() => firstHolds.Task, Ct);
        var second = slots.RunAsync(() => { secondStarted = true; return Task.FromResult(2); }, Ct);
        var startedWhileFirstHeld = Volatile.Read(ref secondStarted);
        firstHolds.SetResult(1);

        // Assert
        startedWhileFirstHeld.Should().BeFalse();
        (await first, await second).Should().Be((1, 2));
        secondStarted.Should().BeTrue();
    }

    [Fact]
    public void Validate_MaxConcurrentScoringZero_NamesTheSetting()
    {
        var result = new CatalogOptionsValidator().Validate(null, new CatalogOptions { MaxConcurrentScoring = 0 });

        result.Failures.Should().ContainSingle().Which.Should().Be("Catalog:MaxConcurrentScoring must be 1 to 1024, got 0.");
    }
}
