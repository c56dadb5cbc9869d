using System.Globalization;
using System.Text;
using AwesomeAssertions;
using HitPredictor.TestData;
using Microsoft.Playwright;

namespace HitPredictor.BrowserTests;

/// <summary>An audio file chosen on the page fills the fields it measured, marked, and leaves the rest unknown (#11 item 3).</summary>
public sealed class AudioFileTests(ServerFixture server)
{
    [Fact]
    public async Task AudioFile_Chosen_FillsMeasuredFieldsKeepsTypedOnesAndLeavesTheRestUnknown()
    {
        // Arrange: one field typed by hand before the file arrives.
        await using var session = await PageSession.OpenAsync(server);
        await Assertions.Expect(session.Tier).ToHaveTextAsync(PageSession.TierPattern);
        await session.Number("Danceability").FillAsync("0.7");
        await session.Page.Locator("#audio summary").ClickAsync();

        // Act: a click track at 120 BPM over an A-minor chord.
        await session.Page.Locator("#audio-file").SetInputFilesAsync(new FilePayload
        {
            Name = "clicks.wav", MimeType = "audio/wav", Buffer = TestAudio.ClicksOverChord(120, 8),
        });

        // Assert
        await Assertions.Expect(session.Page.Locator("#audio-message")).ToContainTextAsync("Measured from clicks.wav");
        var tempo = double.Parse(await session.Number("Tempo").InputValueAsync(), CultureInfo.InvariantCulture);
        tempo.Should().BeApproximately(120, 2.4, "the click track is at 120 BPM");
        await Assertions.Expect(session.Page.Locator("[data-field=tempo]")).ToHaveAttributeAsync("data-source", "measured");
        await Assertions.Expect(session.Page.Locator("[data-field=time_signature]")).ToHaveAttributeAsync("data-source", "assumed");
        await Assertions.Expect(session.Number("Energy")).ToHaveValueAsync("");
        await Assertions.Expect(session.Number("Danceability")).ToHaveValueAsync("0.7");
        await Assertions.Expect(session.Page.Locator("#genre-note")).ToContainTextAsync("energy");
        await Assertions.Expect(session.Tier).ToHaveTextAsync(PageSession.TierPattern);
    }

    [Fact]
    public async Task AudioFile_NotAudio_SaysWhyAndLeavesTheFormAsItWas()
    {
        await using var session = await PageSession.OpenAsync(server);
        await Assertions.Expect(session.Tier).ToHaveTextAsync(PageSession.TierPattern);
        var tempo = await session.Number("Tempo").InputValueAsync();
        await session.Page.Locator("#audio summary").ClickAsync();

        await session.Page.Locator("#audio-file").SetInputFilesAsync(new FilePayload
        {
            Name = "notes.wav", MimeType = "audio/wav", Buffer = Encoding.UTF8.GetBytes("these are notes, not audio"),
        });

        await Assertions.Expect(session.Page.Locator("#audio-message")).ToContainTextAsync("notes.wav:");
        await Assertions.Expect(session.Page.Locator("#audio-message")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("error"));
        await Assertions.Expect(session.Number("Tempo")).ToHaveValueAsync(tempo);
    }
}
