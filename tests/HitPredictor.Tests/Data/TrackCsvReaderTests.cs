using System.Text;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;

namespace HitPredictor.Tests.Data;

public sealed class TrackCsvReaderTests
{
    private static readonly TrackCsvReader Reader = new(TrackCsvReaderOptions.ForTraining(FeatureSet.Extended.Numeric.Select(f => f.Name)));

    private static TrackReadResult Read(string csv) => Reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), TestContext.Current.CancellationToken);

    [Fact]
    public void Read_QuotedFieldsWithCommasAndQuotes_UnescapesThem()
    {
        var csv = Csv.File(Csv.Row(0, artists: "\"Simon, Garfunkel\"", track: "\"The \"\"Boxer\"\"\""));

        var track = Read(csv).Tracks.Single();

        track.Artists.Should().Be("Simon, Garfunkel");
        track.TrackName.Should().Be("The \"Boxer\"");
    }

    [Fact]
    public void Read_ColumnsReorderedWithExtras_MapsByHeaderName()
    {
        const string csv = "track_genre,extra,tempo,popularity,track_name,artists,danceability,energy,loudness,speechiness,acousticness," +
            "instrumentalness,liveness,valence,duration_ms,key,mode,time_signature,explicit\n" +
            "rock,ignored,99.5,71,Song,Band,0.25,0.5,-5,0.1,0.2,0.3,0.4,0.6,180000,7,0,3,1\n";

        var track = Read(csv).Tracks.Single();

        track.Genre.Should().Be("rock");
        track.Tempo.Should().Be(99.5f);
        track.Popularity.Should().Be(71);
        track.Danceability.Should().Be(0.25f);
        track.Key.Should().Be(7);
        track.Explicit.Should().Be(1);
    }

    [Theory]
    [InlineData("True", 1)]
    [InlineData("False", 0)]
    [InlineData("1", 1)]
    [InlineData("0", 0)]
    [InlineData("true", 1)]
    public void Read_ExplicitBoolean_AcceptsWordsAndDigits(string text, float expected)
    {
        Read(Csv.File(Csv.Row(0, @explicit: text))).Tracks.Single().Explicit.Should().Be(expected);
    }

    [Fact]
    public void Read_KaggleIndexColumn_IsTolerated()
    {
        var result = Read(Csv.File(Csv.Row(0), Csv.Row(1)));

        result.Tracks.Should().HaveCount(2);
        result.Columns[0].Should().BeEmpty();
    }

    [Fact]
    public void Read_MissingColumns_RejectsFileListingEveryMissingColumn()
    {
        const string csv = "track_name,artists,popularity,track_genre,danceability\nSong,Band,50,pop,0.5\n";

        var act = () => Read(csv);

        act.Should().Throw<DatasetFormatException>()
            .WithMessage("*missing 13 required column(s)*energy*tempo*duration_ms*explicit*");
    }

    [Fact]
    public void Read_BadNumber_RejectsRowWithLineColumnAndReason()
    {
        var result = Read(Csv.File(Csv.Row(0), Csv.Row(1, tempo: "fast"), Csv.Row(2)));

        result.Tracks.Should().HaveCount(2);
        result.RowsRead.Should().Be(3);
        result.RejectedCount.Should().Be(1);
        result.Rejected.Single().Should().Be(new RejectedRow(3, "tempo", "must be a number (0 to 300 BPM), got 'fast'"));
    }

    [Fact]
    public void Read_ValueOutOfRange_RejectsRowNamingRangeAndUnit()
    {
        var result = Read(Csv.File(Csv.Row(0, danceability: "1.5"), Csv.Row(1, tempo: "-4")));

        result.Rejected.Select(r => r.ToString()).Should().Equal(
            "line 2, danceability: must be 0 to 1, got 1.5",
            "line 3, tempo: must be 0 to 300 BPM, got -4");
    }

    [Fact]
    public void Read_QuotedNewlineInField_CountsLinesOfTheFile()
    {
        var result = Read(Csv.File(Csv.Row(0, track: "\"Two\nLines\""), Csv.Row(1, tempo: "x")));

        result.Tracks.Single().TrackName.Should().Be("Two\nLines");
        result.Rejected.Single().LineNumber.Should().Be(4);
    }

    [Fact]
    public void Read_WrongFieldCount_RejectsRow()
    {
        var result = Read(Csv.File(Csv.Row(0), "1,2,3"));

        result.Rejected.Single().Reason.Should().Be("has 3 fields, the header has 21");
    }

    [Fact]
    public void Read_EmptyValue_KeepsRowWithMissingFeatureForHygiene()
    {
        var track = Read(Csv.File(Csv.Row(0, danceability: ""))).Tracks.Single();

        float.IsNaN(track.Danceability).Should().BeTrue();
    }

    [Fact]
    public void Read_EmptyFile_ThrowsClearError()
    {
        var act = () => Read("");

        act.Should().Throw<DatasetFormatException>().WithMessage("The file is empty*");
    }

    [Fact]
    public void Read_HeaderOnly_ThrowsClearError()
    {
        var act = () => Read(Csv.Header + "\n");

        act.Should().Throw<DatasetFormatException>().WithMessage("The file has a header but no tracks.");
    }

    [Fact]
    public void Read_BinaryFile_ThrowsClearError()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[10] = 0;

        var act = () => Reader.Read(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        act.Should().Throw<DatasetFormatException>().WithMessage("*binary*");
    }

    [Fact]
    public void Read_ZipArchive_ThrowsClearError()
    {
        var bytes = "PK\u0003\u0004\u0014\0\0\0\b\0"u8.ToArray().Concat(new byte[200]).ToArray();

        var act = () => Reader.Read(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        act.Should().Throw<DatasetFormatException>();
    }

    [Fact]
    public void Read_NonSeekableStream_ReadsAllRows()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => Csv.Row(i, track: "Song " + i)).ToArray();
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes(Csv.File(rows)));

        var result = Reader.Read(stream, TestContext.Current.CancellationToken);

        result.Tracks.Should().HaveCount(5000);
        result.Tracks[^1].LineNumber.Should().Be(5001);
    }

    [Fact]
    public void Read_ManyBadRows_KeepsDetailsOfFirstHundredAndExactCount()
    {
        var rows = Enumerable.Range(0, 250).Select(i => Csv.Row(i, tempo: "bad")).ToArray();

        var result = Read(Csv.File(rows));

        result.RejectedCount.Should().Be(250);
        result.Rejected.Should().HaveCount(100);
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Length => throw new NotSupportedException();
    }
}
