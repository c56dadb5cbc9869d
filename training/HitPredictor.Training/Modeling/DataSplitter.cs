namespace HitPredictor.Training.Modeling;

/// <summary>Seeded, reproducible train/test splits.</summary>
public static class DataSplitter
{
    /// <summary>
    /// Holds out <paramref name="testFraction"/> of each tier (the prototype's protocol), so rare tiers such
    /// as Viral are represented on both sides in their true share.
    /// </summary>
    public static DataSplit Stratified(IReadOnlyList<LabelledTrack> tracks, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var random = new Random(seed);
        var train = new List<LabelledTrack>();
        var test = new List<LabelledTrack>();
        foreach (var tier in tracks.GroupBy(t => t.Tier).OrderBy(g => g.Key))
        {
            var members = tier.ToArray();
            random.Shuffle(members);
            var testCount = (int)Math.Round(members.Length * testFraction);
            test.AddRange(members.Take(testCount));
            train.AddRange(members.Skip(testCount));
        }

        return new DataSplit(
            [.. train.OrderBy(t => t.Track.LineNumber)],
            [.. test.OrderBy(t => t.Track.LineNumber)],
            FormattableString.Invariant($"stratified by tier, {testFraction:P0} held out, seed {seed}"));
    }

    /// <summary>
    /// Assigns each track to one of <paramref name="folds"/> folds, stratified by tier (each tier dealt round-robin
    /// after a seeded shuffle): the fold index per track, in input order.
    /// </summary>
    public static int[] Folds(IReadOnlyList<LabelledTrack> tracks, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var assignment = new int[tracks.Count];
        foreach (var tier in Enumerable.Range(0, tracks.Count).GroupBy(i => tracks[i].Tier).OrderBy(g => g.Key))
        {
            var members = tier.ToArray();
            random.Shuffle(members);
            for (var i = 0; i < members.Length; i++)
            {
                assignment[members[i]] = i % folds;
            }
        }

        return assignment;
    }

    /// <summary>
    /// Holds out whole artists: no artist appears on both sides. Artists that share a track (collaborations)
    /// are linked, and each linked group goes to one side; groups are drawn at random until the test side has
    /// about <paramref name="testFraction"/> of the tracks. A group larger than the test share stays in training.
    /// </summary>
    public static DataSplit ArtistGrouped(IReadOnlyList<LabelledTrack> tracks, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var groups = new ArtistGroups();
        foreach (var track in tracks)
        {
            groups.Link(Artists(track));
        }

        var byGroup = tracks.GroupBy(t => groups.Find(Artists(t)[0])).Select(g => g.ToArray()).ToArray();
        Array.Sort(byGroup, (a, b) => string.CompareOrdinal(a[0].Track.Artists, b[0].Track.Artists));
        new Random(seed).Shuffle(byGroup);

        var target = (int)Math.Round(tracks.Count * testFraction);
        var test = new List<LabelledTrack>();
        var train = new List<LabelledTrack>();
        foreach (var group in byGroup)
        {
            (test.Count + group.Length <= target ? test : train).AddRange(group);
        }

        return new DataSplit(
            [.. train.OrderBy(t => t.Track.LineNumber)],
            [.. test.OrderBy(t => t.Track.LineNumber)],
            FormattableString.Invariant(
                $"grouped by artist (collaborators kept together), {(double)test.Count / tracks.Count:P1} held out, seed {seed}"));
    }

    private static string[] Artists(LabelledTrack track) =>
        track.Track.Artists.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } names
            ? names
            : [track.Track.Artists];

    /// <summary>Union-find over artist names.</summary>
    private sealed class ArtistGroups
    {
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        public void Link(string[] artists)
        {
            var root = Find(artists[0]);
            foreach (var other in artists.Skip(1))
            {
                var otherRoot = Find(other);
                if (otherRoot != root)
                {
                    _parent[otherRoot] = root;
                }
            }
        }

        public string Find(string artist)
        {
            var node = artist;
            while (_parent.TryGetValue(node, out var parent) && parent != node)
            {
                node = parent;
            }

            _parent.TryAdd(node, node);
            _parent[artist] = node;
            return node;
        }
    }
}
