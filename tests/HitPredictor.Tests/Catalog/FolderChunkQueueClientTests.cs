using AwesomeAssertions;
using HitPredictor.Serving.Catalog;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Catalog;

public sealed class FolderChunkQueueClientTests(SampleModelFixture sample)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Receive_ReleasedMessage_DeliveredAgainWithItsCountRaised()
    {
        await using var harness = await CatalogHarness.StartAsync(sample);
        await harness.Queue.SendAsync(new ChunkMessage("run", 0, 2), Ct);

        var first = (await harness.Queue.ReceiveAsync(Ct))!;
        var hidden = await harness.Queue.ReceiveAsync(Ct);
        await harness.Queue.ReleaseAsync(first, Ct);
        var second = (await harness.Queue.ReceiveAsync(Ct))!;
        await harness.Queue.CompleteAsync(second, Ct);

        hidden.Should().BeNull();
        (first.DequeueCount, second.DequeueCount).Should().Be((1L, 2L));
        second.Message.Should().Be(first.Message);
        (await harness.Queue.ReceiveAsync(Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Recover_MessagesLeasedByAStoppedRun_VisibleAgainInSendOrder()
    {
        await using var harness = await CatalogHarness.StartAsync(sample);
        await harness.Queue.SendAsync(new ChunkMessage("run", 0, 2), Ct);
        await harness.Queue.SendAsync(new ChunkMessage("run", 1, 102), Ct);
        await harness.Queue.ReceiveAsync(Ct);
        await harness.Queue.ReceiveAsync(Ct);

        await harness.Queue.RecoverAsync(Ct);

        (await harness.Queue.ReceiveAsync(Ct))!.Message.Index.Should().Be(0);
        (await harness.Queue.ReceiveAsync(Ct))!.Message.Index.Should().Be(1);
    }
}
