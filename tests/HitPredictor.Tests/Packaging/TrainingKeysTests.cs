using System.Text;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Data;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Tests.Packaging;

public sealed class TrainingKeysTests(SampleModelFixture sample)
{
    [Fact]
    public void ToBytes_ThenRead_SameSortedDistinctKeys()
    {
        var keys = TrainingKeys.FromKeys([5, 1, 3, 3, ulong.MaxValue, 0]);

        var read = TrainingKeys.Read(keys.ToBytes());

        read.Keys.Should().Equal(0UL, 1UL, 3UL, 5UL, ulong.MaxValue);
        read.Contains(3).Should().BeTrue();
        read.Contains(4).Should().BeFalse();
        read.Contains(ulong.MaxValue).Should().BeTrue();
    }

    [Fact]
    public void ToBytes_Layout_HeaderThenLittleEndianKeys()
    {
        var bytes = TrainingKeys.FromKeys([0x0102030405060708, 1]).ToBytes();

        Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("HPTK");
        bytes[4..8].Should().Equal(1, 0, 0, 0);
        bytes[8..12].Should().Equal(2, 0, 0, 0);
        bytes[12..20].Should().Equal(1, 0, 0, 0, 0, 0, 0, 0);
        bytes[20..28].Should().Equal(8, 7, 6, 5, 4, 3, 2, 1);
    }

    [Theory]
    [InlineData("not a header")]
    [InlineData("wrong version")]
    [InlineData("truncated")]
    [InlineData("unsorted")]
    public void Read_DamagedPart_IsInvalidData(string damage)
    {
        var bytes = TrainingKeys.FromKeys([1, 2, 3]).ToBytes();
        switch (damage)
        {
            case "not a header":
                bytes[0] = (byte)'X';
                break;
            case "wrong version":
                bytes[4] = 2;
                break;
            case "truncated":
                bytes = bytes[..^1];
                break;
            default:
                (bytes[12], bytes[20]) = (bytes[20], bytes[12]);
                break;
        }

        var read = () => TrainingKeys.Read(bytes);

        read.Should().Throw<InvalidDataException>().WithMessage("*training-keys.bin*");
    }

    [Fact]
    public void KeyOf_SameNameAndArtists_SameKeyWhateverElseDiffers()
    {
        var track = new TrackRecord { LineNumber = 2, TrackName = "Song", Artists = "Band", TrackId = "a", Genre = "pop" };

        TrainingKeys.KeyOf(track with { LineNumber = 9, TrackId = "b", Genre = "rock", Popularity = 80 }).Should().Be(TrainingKeys.KeyOf(track));
        TrainingKeys.KeyOf(track with { Artists = "Other Band" }).Should().NotBe(TrainingKeys.KeyOf(track));
        TrainingKeys.KeyOf(track with { TrackName = "Son", Artists = "gBand" }).Should().NotBe(TrainingKeys.KeyOf(track), "name and artists are length-prefixed");
    }

    [Fact]
    public void Train_Package_RecordsExactlyTheDistinctKeysOfItsTrainingSide()
    {
        var split = sample.Result.Split;
        var expected = split.Train.Select(t => TrainingKeys.KeyOf(t.Track)).Distinct().Order().ToArray();

        var keys = sample.Package.TrainingKeys;

        keys.Should().NotBeNull();
        keys!.Keys.Should().Equal(expected);
        split.Test.Should().NotContain(t => keys.Contains(t.Track), "hygiene keeps one row per track, so no held-out track shares a training track's identity");
    }

    [Fact]
    public void Load_SavedPackage_KeepsItsTrainingKeys()
    {
        var loaded = ModelPackage.Load(sample.Ml, sample.Directory);

        loaded.TrainingKeys!.Keys.Should().Equal(sample.Package.TrainingKeys!.Keys);
    }

    [Fact]
    public void TrainingKeys_PackageWithoutThePart_IsNull()
    {
        var package = new ModelPackage(sample.Package.Model, sample.Package.InputSchema, sample.Package.Card);

        package.TrainingKeys.Should().BeNull();
    }

    [Fact]
    public void WithCard_AnotherVersion_KeepsEveryPart()
    {
        var card = sample.Package.Card with { Version = "renamed" };

        var renamed = sample.Package.WithCard(card);

        renamed.Card.Version.Should().Be("renamed");
        renamed.Parts.Names.Should().Equal(sample.Package.Parts.Names).And.Contain([MemberCalibration.PartName, TrainingKeys.PartName]);
        renamed.Calibration.Calibrator.Method.Should().Be(sample.Package.Calibration.Calibrator.Method);
        renamed.TrainingKeys!.Count.Should().Be(sample.Package.TrainingKeys!.Count);
    }
}
