using AwesomeAssertions;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Serving;

public sealed class FolderModelStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCurrent_Empty_ReturnsNull()
    {
        var store = ModelStoreFactory.ForFolder(_folder.Path);

        (await store.GetCurrentETagAsync(Ct)).Should().BeNull();
        (await store.GetCurrentAsync(Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Put_SameVersionTwice_SecondIsRefusedAndFirstKept()
    {
        var store = ModelStoreFactory.ForFolder(_folder.Path);

        (await store.PutAsync("v1", "one"u8.ToArray(), "{}", Ct)).Should().BeTrue();
        (await store.PutAsync("v1", "two"u8.ToArray(), "{}", Ct)).Should().BeFalse();

        var stored = await store.OpenAsync("v1", Ct);
        stored.ModelZip.ToArray().Should().Equal("one"u8.ToArray());
        File.Exists(Path.Combine(_folder.Path, "models", "v1", "model.zip")).Should().BeTrue();
    }

    [Fact]
    public async Task SetCurrent_StaleETag_ThrowsConflict()
    {
        var store = ModelStoreFactory.ForFolder(_folder.Path);
        var first = await store.SetCurrentAsync("v1", null, Ct);
        await store.SetCurrentAsync("v2", first.ETag, Ct);

        await FluentActions.Awaiting(() => store.SetCurrentAsync("v3", first.ETag, Ct))
            .Should().ThrowAsync<PointerConflictException>();
        (await store.GetCurrentAsync(Ct))!.Version.Should().Be("v2");
    }

    [Fact]
    public async Task SetCurrent_TwoWritersSameETag_ExactlyOneWins()
    {
        var store = ModelStoreFactory.ForFolder(_folder.Path);
        var start = await store.SetCurrentAsync("v1", null, Ct);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.SetCurrentAsync($"w{i}", start.ETag, Ct);
                return true;
            }
            catch (PointerConflictException)
            {
                return false;
            }
        }, Ct)));

        attempts.Count(won => won).Should().Be(1);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    public async Task Open_UnsafeVersion_IsRefused(string version)
    {
        var store = ModelStoreFactory.ForFolder(_folder.Path);

        await FluentActions.Awaiting(() => store.OpenAsync(version, Ct)).Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Open_MissingVersion_ThrowsModelNotFound()
    {
        var store = ModelStoreFactory.ForFolder(_folder.Path);

        await FluentActions.Awaiting(() => store.OpenAsync("v404", Ct)).Should().ThrowAsync<ModelNotFoundException>();
    }

    public void Dispose() => _folder.Dispose();
}
