using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HitPredictor.BrowserTests;

/// <summary>"What the model responds to": the API's contributions for the shown tier, against the genre's typical track.</summary>
public sealed partial class ExplanationTests(ServerFixture server)
{
    [Fact]
    public async Task Explanation_GenreGiven_ListsSignedContributionsAgainstTheGenresTypicalTrack()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);

        // Act
        await session.Genre.FillAsync("dance");
        await session.Number("Tempo").FillAsync("131");

        // Assert
        var panel = session.Page.Locator("#levers");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading)).ToHaveTextAsync("What the model responds to");
        await Assertions.Expect(session.Page.Locator("#levers-intro")).ToHaveTextAsync(IntroPattern());
        await Assertions.Expect(session.Page.Locator("#lever-list li").First).ToHaveTextAsync(ContributionPattern());
        await Assertions.Expect(panel).ToContainTextAsync("this describes the model, not what makes a hit");
        await session.Page.Locator("#result").ScreenshotAsync(new() { Path = server.Screenshot("02c-explained") });
    }

    [Fact]
    public async Task Explanation_NoGenre_SaysWhyThereIsNone()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);

        // Act
        await session.Genre.FillAsync("");

        // Assert
        await Assertions.Expect(session.Page.Locator("#genre-note")).ToContainTextAsync("Unknown: genre. Answered by the no-genre model");
        await Assertions.Expect(session.Page.Locator("#levers-intro")).ToHaveTextAsync(new Regex("^No explanation: no genre given"));
        await Assertions.Expect(session.Page.Locator("#lever-list li")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"^(Viral|Hit|Mid|Flop) is \d+\.\d% for a typical dance track \(each feature at that genre's median\) and \d+\.\d% for this one\.")]
    private static partial Regex IntroPattern();

    [GeneratedRegex(@"^[A-Z][a-z ]+ .+ \(typical .+\): (\+|−)\d+\.\d points(; \d+(st|nd|rd|th) percentile among the \d+ dance tracks that reached Viral or Hit)?\.$")]
    private static partial Regex ContributionPattern();
}
