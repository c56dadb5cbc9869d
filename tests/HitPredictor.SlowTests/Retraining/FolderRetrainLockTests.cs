using AwesomeAssertions;

namespace HitPredictor.Tests.Retraining;

public sealed class FolderRetrainLockTests : IDisposable
{
    private readonly RetrainHarness _harness = new();

    [Fact]
    public async Task TryAcquire_WhileHeld_ReturnsNullUntilReleased()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await _harness.Stores.Lock.TryAcquireAsync(TimeSpan.Zero, ct);

        var whileHeld = await _harness.Stores.Lock.TryAcquireAsync(TimeSpan.Zero, ct);
        await first!.DisposeAsync();
        var afterRelease = await _harness.Stores.Lock.TryAcquireAsync(TimeSpan.Zero, ct);

        first.Should().NotBeNull();
        whileHeld.Should().BeNull();
        afterRelease.Should().NotBeNull();
        await afterRelease!.DisposeAsync();
    }

    public void Dispose() => _harness.Dispose();
}
