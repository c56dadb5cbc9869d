using System.Text;
using AwesomeAssertions;
using Microsoft.Playwright;

namespace HitPredictor.BrowserTests;

/// <summary>Scoring a CSV file in the browser: the scored rows, the rows that were not scored, and the download.</summary>
public sealed class BatchTests(ServerFixture server)
{
    private const string Header =
        "track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode," +
        "speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre";

    [Fact]
    public async Task Batch_CsvWithOneRowTheApiRejects_ShowsScoredRowsAndThatLineWithItsReason()
    {
        // Arrange: line 4 has a negative tempo, which only the API rejects; line 3 has a quoted comma and a tiny number.
        var csv = string.Join("\r\n",
            Header,
            "5vjLSffimiIP26QG5WcN2K,Chord Overstreet,Hold On,Hold On,82,198853,False,0.618,0.443,2,-9.681,1,0.0526,0.469,0.0,0.0829,0.167,119.949,4,acoustic",
            "1SacjiJXVYiv3ydALqEchb,Robin Schulz;David Guetta,\"#Multiverse, If the Multiverse Is Real\",On Repeat,0,190217,False,0.609,0.801,1,-8.483,0,0.0694,0.0246,5.54e-05,0.37,0.202,122.958,4,deep-house",
            "7CuXB3Dr61IvDFEWfqG3sE,Jan Blomqvist;Elena Pitoulis,More,More,62,216699,False,0.709,0.528,0,-11.127,0,0.0407,0.0458,0.896,0.128,0.113,-4,4,deep-house",
            "4nBG4RjDuiAa6Q7akigZI9,Lucas Estrada,Drowning In You,Drowning In You,67,141875,True,0.782,0.651,5,-6.005,0,0.0601,0.0121,0.324,0.461,0.767,126.052,4,deep-house",
            "7rTT8Gofpgg4NAB0q7kEKd,Chisato Moritaka,ROCK ALIVE,夏の海,21,274600,False,0.573,0.703,9,-7.118,1,0.0288,0.337,0.00016,0.0714,0.674,138.032,4,") + "\r\n";
        await using var session = await PageSession.OpenAsync(server);

        // Act
        await UploadAsync(session, "tracks.csv", csv);

        // Assert
        var rows = session.Page.Locator("#batch-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Assertions.Expect(rows.Locator("td:nth-child(1)")).ToHaveTextAsync(["2", "3", "5", "6"]);
        await Assertions.Expect(rows.Locator("td:nth-child(4)")).ToHaveTextAsync([PageSession.TierPattern, PageSession.TierPattern, PageSession.TierPattern, PageSession.TierPattern]);
        await Assertions.Expect(rows.Nth(3).Locator("td:nth-child(3)")).ToHaveTextAsync("all (averaged)");
        var bad = session.Page.Locator("#batch-bad-list li");
        await Assertions.Expect(bad).ToHaveCountAsync(1);
        await Assertions.Expect(bad).ToHaveTextAsync("Line 4: tempo: must be 0 to 300 BPM, got -4");
        await Assertions.Expect(session.Page.Locator("#batch-status")).ToHaveTextAsync("tracks.csv: 4 rows scored, 1 not scored (listed below).");
        await session.Page.Locator("#batch").ScreenshotAsync(new() { Path = server.Screenshot("04-batch-scored") });

        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.GetByRole(AriaRole.Link, new() { Name = "Download the scored CSV" }).ClickAsync());
        download.SuggestedFilename.Should().Be("tracks-scored.csv");
        var scored = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8, TestContext.Current.CancellationToken);
        var lines = scored.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(5);
        lines[0].Should().Be(Header + ",predicted_tier,p_viral,p_hit,p_mid,p_flop,prediction_set");
        lines[2].Should().StartWith("1SacjiJXVYiv3ydALqEchb,Robin Schulz;David Guetta,\"#Multiverse, If the Multiverse Is Real\",On Repeat,");
        lines.Skip(1).Should().AllSatisfy(line => line.Should().MatchRegex(",(Viral|Hit|Mid|Flop),[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,(Viral|Hit|Mid|Flop)(\\|(Viral|Hit|Mid|Flop))*$"));
    }

    [Fact]
    public async Task Batch_CellThatIsNotANumber_ShowsItsLineCountingLineBreaksInQuotedFields()
    {
        // Arrange: the first record's quoted name spans lines 2-3, so the record with "fast" starts on line 4.
        var csv = string.Join("\n",
            Header,
            "5vjLSffimiIP26QG5WcN2K,Chord Overstreet,Hold On,\"Hold On\nacoustic take\",82,198853,False,0.618,0.443,2,-9.681,1,0.0526,0.469,0.0,0.0829,0.167,119.949,4,acoustic",
            "4nBG4RjDuiAa6Q7akigZI9,Lucas Estrada,Drowning In You,Drowning In You,67,141875,False,0.782,0.651,5,-6.005,0,0.0601,0.0121,0.324,0.461,0.767,fast,4,deep-house",
            "7rTT8Gofpgg4NAB0q7kEKd,Chisato Moritaka,ROCK ALIVE,\"He said \"\"hi\"\"\",21,274600,False,0.573,0.703,9,-7.118,1,0.0288,0.337,0.00016,0.0714,0.674,138.032,4,j-idol");
        await using var session = await PageSession.OpenAsync(server);

        // Act
        await UploadAsync(session, "quoted.csv", csv);

        // Assert
        await Assertions.Expect(session.Page.Locator("#batch-table tbody tr td:nth-child(1)")).ToHaveTextAsync(["2", "5"]);
        await Assertions.Expect(session.Page.Locator("#batch-table tbody tr td:nth-child(2)")).ToHaveTextAsync(["Hold On\nacoustic take — Chord Overstreet", "He said \"hi\" — Chisato Moritaka"]);
        await Assertions.Expect(session.Page.Locator("#batch-bad-list li")).ToHaveTextAsync(["Line 4: tempo: not a number, got 'fast'"]);
    }

    private static Task UploadAsync(PageSession session, string name, string csv) =>
        session.Page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
}
