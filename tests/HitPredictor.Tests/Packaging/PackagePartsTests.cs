using System.IO.Compression;
using System.Text;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Tests.Packaging;

public sealed class PackagePartsTests(SampleModelFixture sample)
{
    [Fact]
    public void WriteTo_ThenReadFrom_ReturnsEveryPartAndKeepsTheOtherEntries()
    {
        // Arrange
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("TransformerChain/Model.key").Open())
        {
            entry.Write("ml.net"u8);
        }

        var parts = PackageParts.Empty.With("calibration.json", "{\"t\":1.5}"u8.ToArray()).With("keys.bin", [1, 2, 3]);

        // Act
        parts.WriteTo(zip);
        var read = PackageParts.ReadFrom(zip);

        // Assert
        read.Names.Should().Equal("calibration.json", "keys.bin");
        read.TryGet("keys.bin", out var keys).Should().BeTrue();
        keys.Should().Equal(1, 2, 3);
        zip.Position.Should().Be(0);
        using var reopened = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        reopened.GetEntry("TransformerChain/Model.key").Should().NotBeNull();
    }

    [Fact]
    public void Package_SavedWithParts_LoadsWithTheSamePartsAndAWorkingModel()
    {
        // Arrange
        var package = new ModelPackage(sample.Package.Model, sample.Package.InputSchema, sample.Package.Card,
            PackageParts.Empty.With("note.txt", Encoding.UTF8.GetBytes("trained on the sample")));
        using var stream = new MemoryStream();

        // Act
        package.SaveModel(sample.Ml, stream);
        stream.Position = 0;
        var loaded = ModelPackage.Load(sample.Ml, stream, ModelCardJson.Serialize(sample.Package.Card));

        // Assert
        loaded.Parts.TryGet("note.txt", out var note).Should().BeTrue();
        Encoding.UTF8.GetString(note).Should().Be("trained on the sample");
        loaded.InputSchema.Count.Should().Be(sample.Package.InputSchema.Count);
    }

    [Fact]
    public void ReadFrom_AModelWithoutParts_IsEmpty()
    {
        using var stream = new MemoryStream();
        new ModelPackage(sample.Package.Model, sample.Package.InputSchema, sample.Package.Card).SaveModel(sample.Ml, stream);

        PackageParts.ReadFrom(stream).Names.Should().BeEmpty();
    }
}
