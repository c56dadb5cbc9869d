using System.Collections.Concurrent;
using AwesomeAssertions;
using HitPredictor.Serving.Engines;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HitPredictor.Tests.Serving;

public sealed class EnginePoolTests(SampleModelFixture sample)
{
    private static ModelInput Input(string genre) => new()
    {
        Danceability = 0.7f, Energy = 0.8f, Loudness = -5, Tempo = 120, Speechiness = 0.05f, Acousticness = 0.1f,
        Instrumentalness = 0, Liveness = 0.1f, Valence = 0.6f, DurationMs = 215_000, Key = 5, Mode = 1, TimeSignature = 4,
        Genre = genre,
    };

    [Fact]
    public void TryRent_NoModelLoaded_ReturnsFalse()
    {
        using var pool = new EnginePool(2);

        pool.TryRent(out _).Should().BeFalse();
        pool.Current.Should().BeNull();
        FluentActions.Invoking(() => pool.Rent()).Should().Throw<ModelNotLoadedException>();
    }

    [Fact]
    public void Swap_WhileEngineRented_FinishesOnOldModel()
    {
        // Arrange
        using var pool = new EnginePool(2);
        var first = pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"");
        var lease = pool.Rent();

        // Act
        var second = pool.Swap(ServingTestData.Load(sample, "v2"), "\"e2\"");

        // Assert
        first.IsReleased.Should().BeFalse("an engine of it is still out");
        lease.Predict(Input("pop")).ModelVersion.Should().Be("v1");
        lease.Dispose();
        first.IsReleased.Should().BeTrue("its last engine came back after it was retired");
        first.Rented.Should().Be(0);
        using var next = pool.Rent();
        next.Generation.Should().BeSameAs(second);
        next.Predict(Input("pop")).ModelVersion.Should().Be("v2");
    }

    [Fact]
    public void Dispose_Twice_ReturnsTheEngineOnce()
    {
        // Arrange
        using var pool = new EnginePool(2);
        var generation = pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"");
        var lease = pool.Rent();

        // Act
        lease.Dispose();
        lease.Dispose();

        // Assert
        generation.Rented.Should().Be(0);
        generation.IsReleased.Should().BeFalse("the pool still holds the live generation: one return drops one reference");
        using var first = pool.Rent();
        using var second = pool.Rent();
        first.Engine.Should().NotBeSameAs(second.Engine, "an engine returned twice would be handed to two leases at once");
        generation.EnginesCreated.Should().Be(2);
        FluentActions.Invoking(() => lease.Engine).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Return_EngineThePoolDoesNotKeep_IsDisposedWithoutTheModel()
    {
        // Arrange: a pool that keeps one engine, two out at once, on a model that counts its disposals.
        var loaded = ServingTestData.Load(sample, "v1");
        var model = new DisposalCountingModel(loaded.Model);
        var pool = new EnginePool(1);
        var generation = pool.Swap(new ModelPackage(model, loaded.InputSchema, loaded.Card, loaded.Parts), "\"e1\"");
        var leases = new[] { pool.Rent(), pool.Rent() };

        // Act: the second engine back is disposed by the pool.
        foreach (var lease in leases)
        {
            lease.Dispose();
        }

        // Assert
        generation.EnginesCreated.Should().Be(2);
        model.Disposals.Should().Be(0, "an engine the pool drops must not dispose the model the other engines run");
        using (var kept = pool.Rent())
        {
            kept.Predict(Input("pop")).ModelVersion.Should().Be("v1");
        }

        pool.Dispose();
        generation.IsReleased.Should().BeTrue();
        model.Disposals.Should().Be(1, "the generation disposes its model once, when it is released");
    }

    [Fact]
    public void Swap_NoEngineOut_ReleasesOldGenerationAtOnce()
    {
        using var pool = new EnginePool(2);
        var first = pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"");
        using (pool.Rent())
        {
        }

        pool.Swap(ServingTestData.Load(sample, "v2"), "\"e2\"");

        first.IsReleased.Should().BeTrue();
        pool.Current!.Version.Should().Be("v2");
        pool.Current.Number.Should().Be(2);
    }

    [Fact]
    public void Rent_MoreThanPoolSize_CreatesExtraEnginesAndRetainsPoolSize()
    {
        using var pool = new EnginePool(2);
        var generation = pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"");

        var leases = Enumerable.Range(0, 5).Select(_ => pool.Rent()).ToArray();
        generation.Rented.Should().Be(5);
        foreach (var lease in leases)
        {
            lease.Dispose();
        }

        generation.Rented.Should().Be(0);
        generation.EnginesCreated.Should().Be(5);
        using (pool.Rent())
        {
        }

        generation.EnginesCreated.Should().Be(5, "returned engines are reused");

        var again = Enumerable.Range(0, 5).Select(_ => pool.Rent()).ToArray();
        generation.EnginesCreated.Should().Be(8, "the pool kept only its 2 engines, so renting 5 at once creates 3 more");
        foreach (var lease in again)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public void Swap_RepeatedlyUnderConcurrentScorers_NoFailureAndEveryEngineBackInItsOwnGeneration()
    {
        // Arrange: ten versions loaded up front, so the swaps come fast while the scorers run on their own threads.
        const int Scorers = 4;
        const int Swaps = 10;
        var genres = sample.Package.Card.Genres.Take(3).ToArray();
        var packages = Enumerable.Range(2, Swaps).Select(i => ServingTestData.Load(sample, $"v{i}")).ToArray();
        using var pool = new EnginePool(2);
        var generations = new ConcurrentBag<ModelGeneration> { pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"") };
        var enginesSeen = new ConcurrentDictionary<PredictionEngine<ModelInput, ModelOutput>, ConcurrentDictionary<long, byte>>();
        var failures = new ConcurrentQueue<string>();
        using var allRunning = new CountdownEvent(Scorers);
        using var swapsDone = new ManualResetEventSlim();
        var scored = 0;

        void Score()
        {
            var rounds = 0;
            while ((!swapsDone.IsSet || rounds < 20) && rounds < 100_000)
            {
                using (var lease = pool.Rent())
                {
                    enginesSeen.GetOrAdd(lease.Engine, _ => new()).TryAdd(lease.Generation.Number, 0);
                    var batch = genres.Select(g => lease.Predict(Input(g))).Append(lease.Predict(Input(""))).ToArray();
                    if (batch.Any(p => p.ModelVersion != lease.Generation.Version))
                    {
                        failures.Enqueue($"a batch mixed versions: {string.Join(", ", batch.Select(p => p.ModelVersion))} on {lease.Generation}");
                    }

                    if (batch.Any(p => Math.Abs(p.Probabilities.Values.Sum() - 1) > 1e-6))
                    {
                        failures.Enqueue("probabilities did not sum to 1");
                    }

                    Interlocked.Add(ref scored, batch.Length);
                }

                if (rounds++ == 0)
                {
                    allRunning.Signal();
                }
            }
        }

        // Act
        var threads = Enumerable.Range(0, Scorers).Select(_ => new Thread(Score) { IsBackground = true }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        allRunning.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken).Should().BeTrue();
        foreach (var package in packages)
        {
            generations.Add(pool.Swap(package, "\"" + package.Card.Version + "\""));
        }

        swapsDone.Set();
        foreach (var thread in threads)
        {
            thread.Join(TimeSpan.FromSeconds(60)).Should().BeTrue();
        }

        // Assert
        failures.Should().BeEmpty();
        scored.Should().BeGreaterThanOrEqualTo(Scorers * 20 * 4);
        enginesSeen.Values.Should().OnlyContain(g => g.Count == 1, "an engine is only ever rented from the generation that made it");
        var live = pool.Current!;
        live.Version.Should().Be($"v{Swaps + 1}");
        generations.Should().OnlyContain(g => g.Rented == 0);
        generations.Where(g => g != live).Should().OnlyContain(g => g.IsReleased, "every retired generation was drained and released");
        live.IsReleased.Should().BeFalse();
    }

    [Fact]
    public void Dispose_WithEngineOut_ReleasesGenerationWhenItComesBack()
    {
        var pool = new EnginePool(1);
        var generation = pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"");
        var lease = pool.Rent();

        pool.Dispose();

        generation.IsReleased.Should().BeFalse();
        pool.TryRent(out _).Should().BeFalse();
        lease.Dispose();
        generation.IsReleased.Should().BeTrue();
    }

    [Fact]
    public void Predict_NoGenre_AnsweredByTheMemberWithoutGenre()
    {
        using var pool = new EnginePool(1);
        pool.Swap(ServingTestData.Load(sample, "v1"), "\"e1\"");
        using var lease = pool.Rent();

        var prediction = lease.Predict(Input(""));

        prediction.GenreAveraged.Should().BeFalse();
        prediction.Model.Should().Be("no-genre");
        prediction.Missing.Should().Equal("genre");
        prediction.Probabilities.Keys.Should().Equal("Viral", "Hit", "Mid", "Flop");
        prediction.Probabilities.Values.Sum().Should().BeApproximately(1, 1e-6);
    }

    /// <summary>The sample model, counting how often it is disposed.</summary>
    private sealed class DisposalCountingModel(ITransformer inner) : ITransformer, IDisposable
    {
        private int _disposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public bool IsRowToRowMapper => inner.IsRowToRowMapper;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inner.GetOutputSchema(inputSchema);

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => inner.GetRowToRowMapper(inputSchema);

        public IDataView Transform(IDataView input) => inner.Transform(input);

        void ICanSaveModel.Save(ModelSaveContext ctx) => inner.Save(ctx);

        public void Dispose() => Interlocked.Increment(ref _disposals);
    }
}
