using System.Globalization;
using AwesomeAssertions;
using Microsoft.Playwright;

namespace HitPredictor.BrowserTests;

/// <summary>Scoring one track: the form, the result, and the API's errors shown beside their fields.</summary>
public sealed class TrackFormTests(ServerFixture server)
{
    [Fact]
    public async Task Form_FilledIn_ShowsTierAndFourProbabilitiesThatSumTo100()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);
        await session.Genre.FillAsync("");
        await Assertions.Expect(session.Page.Locator("#genre-note")).ToContainTextAsync("Unknown: genre. Answered by the no-genre model");

        // Act
        await session.Number("Danceability").FillAsync("0.72");
        await session.Number("Energy").FillAsync("0.81");
        await session.Number("Valence").FillAsync("0.55");
        await session.Number("Loudness").FillAsync("-5.2");
        await session.Number("Tempo").FillAsync("124");
        await session.Number("Duration").FillAsync("195");
        await session.Page.GetByLabel("Mode", new() { Exact = true }).SelectOptionAsync("Minor");
        await session.Page.GetByLabel("Explicit lyrics").CheckAsync();
        await session.Genre.FillAsync("dance");

        // Assert
        await Assertions.Expect(session.Page.Locator("#genre-note")).ToBeHiddenAsync();
        await Assertions.Expect(session.Tier).ToHaveTextAsync(PageSession.TierPattern);
        await Assertions.Expect(session.BarValues).ToHaveCountAsync(4);
        var shown = await session.BarValues.AllInnerTextsAsync();
        var percents = shown.Select(t => double.Parse(t.TrimEnd('%'), CultureInfo.InvariantCulture)).ToArray();
        percents.Sum().Should().BeApproximately(100.0, 0.001, "the four probabilities are shown so that they add up ({0})", string.Join(", ", shown));
        percents.Should().OnlyContain(p => p >= 0 && p <= 100);
        await Assertions.Expect(session.Page.Locator("#bars .bar-label")).ToHaveTextAsync(["Viral", "Hit", "Mid", "Flop"]);
        await Assertions.Expect(session.Page.Locator("#certainty")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Close call|Leaning|Fairly sure)"));
        await session.ScreenshotAsync(server, "01-track-scored");
    }

    [Fact]
    public async Task Certainty_WordedFromThePredictionSet_SaysFairlySureOnlyForASingleTier()
    {
        // Arrange: the API answers Hit well ahead of Mid, first with a two-tier 90 % set, then with Hit alone.
        await using var session = await PageSession.CreateAsync(server);
        var set = """["Hit","Mid"]""";
        await session.Page.RouteAsync("**/api/score", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "application/json",
            Body = $$$"""{"tier":"Hit","probabilities":{"Hit":0.8,"Mid":0.12,"Viral":0.05,"Flop":0.03},"genreAveraged":false,"modelVersion":"{{{server.ModelVersion}}}","predictionSet":{"level":0.9,"tiers":{{{set}}}}}""",
        }));
        await session.GotoAsync();
        var certainty = session.Page.Locator("#certainty");

        // Act + Assert: a 68-point lead with two tiers in the set is not "Fairly sure".
        await Assertions.Expect(certainty).ToHaveTextAsync("Leaning Hit: 68 points ahead of Mid. Likely Hit or Mid (90 % set).");

        set = """["Hit"]""";
        await session.Number("Tempo").FillAsync("125");
        await Assertions.Expect(certainty).ToHaveTextAsync("Fairly sure: Hit (90 % set holds only Hit).");
    }

    [Fact]
    public async Task Certainty_TierShownIsNotTheMostProbable_SaysWhichIsMoreProbable()
    {
        // Arrange: the decision rule shows Viral although Flop is more probable.
        await using var session = await PageSession.CreateAsync(server);
        await session.Page.RouteAsync("**/api/score", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "application/json",
            Body = $$$"""{"tier":"Viral","probabilities":{"Flop":0.34,"Hit":0.32,"Viral":0.26,"Mid":0.08},"genreAveraged":false,"modelVersion":"{{{server.ModelVersion}}}","predictionSet":{"level":0.9,"tiers":["Flop","Hit","Viral"]}}""",
        }));

        // Act
        await session.GotoAsync();

        // Assert
        await Assertions.Expect(session.Tier).ToHaveTextAsync("Viral");
        await Assertions.Expect(session.Page.Locator("#certainty")).ToHaveTextAsync(
            "Viral is flagged at 26.0%, though Flop is more probable (34.0%). Likely Flop, Hit or Viral (90 % set).");
    }

    [Fact]
    public async Task Slider_MovedWithTheKeyboard_UpdatesNumberAndResult()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);
        var before = await session.Bars.InnerTextAsync();

        // Act
        await session.Slider("Danceability").FocusAsync();
        await session.Page.Keyboard.PressAsync("Home");

        // Assert
        await Assertions.Expect(session.Number("Danceability")).ToHaveValueAsync("0");
        await Assertions.Expect(session.Bars).Not.ToHaveTextAsync(before);
        await session.ScreenshotAsync(server, "02-slider-moved");
    }

    [Fact]
    public async Task Pin_ThenSliderMoved_ShowsTheChangeAgainstThePinnedResult()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Pin this result to compare" }).ClickAsync();
        await Assertions.Expect(session.Page.Locator("#bars .bar-delta")).ToHaveTextAsync(["±0.0", "±0.0", "±0.0", "±0.0"]);

        // Act
        await session.Slider("Valence").FocusAsync();
        await session.Page.Keyboard.PressAsync("End");

        // Assert
        await Assertions.Expect(session.Number("Valence")).ToHaveValueAsync("1");
        await Assertions.Expect(session.Page.Locator("#bars .bar-delta").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^[+−]") })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.Locator("#bars .bar-pin")).ToHaveCountAsync(4);
        await Assertions.Expect(session.Page.Locator("#lever-list li").First).ToContainTextAsync("(typical ");
        await session.Page.Locator("#result").ScreenshotAsync(new() { Path = server.Screenshot("02b-compared-with-pinned") });
    }

    [Fact]
    public async Task Genre_UnknownToTheModel_ShowsTheApiErrorBesideTheGenreField()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);

        // Act
        await session.Genre.FillAsync("polka");

        // Assert
        var error = session.Page.Locator(".field-genre .error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("'polka' is not a genre the model knows; closest:");
        await Assertions.Expect(session.Genre).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(session.Page.Locator("#result-error")).ToHaveTextAsync("Fix the field marked in the form to see a result. The result shown is for the previous values.");
        await session.ScreenshotAsync(server, "03-unknown-genre");

        await session.Genre.FillAsync("rock");
        await Assertions.Expect(error).ToBeHiddenAsync();
        await Assertions.Expect(session.Genre).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task NumberInput_OutOfRange_ShowsTheApiMessageBesideThatField()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);

        // Act
        await session.Number("Tempo").FillAsync("-4");

        // Assert
        var error = session.Page.Locator("[data-field='tempo'] .error");
        await Assertions.Expect(error).ToHaveTextAsync("Tempo must be 0 to 300 BPM, got -4");
        await Assertions.Expect(session.Number("Tempo")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(session.Page.Locator("#result-main")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stale"));
    }

    [Fact]
    public async Task JsonPaste_SpotifyAudioFeaturesObject_FillsTheFormAndScoresIt()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);
        const string audioFeatures = """
            {"danceability": 0.735, "energy": 0.578, "key": 5, "loudness": -11.84, "mode": 0, "speechiness": 0.0461,
             "acousticness": 0.514, "instrumentalness": 0.0902, "liveness": 0.159, "valence": 0.636, "tempo": 98.002,
             "type": "audio_features", "id": "06AKEBrKUckW0KREUWRnvT", "duration_ms": 255349, "time_signature": 4}
            """;

        // Act
        await session.Page.GetByText("Fill from JSON").ClickAsync();
        await session.Page.GetByLabel("Track as a JSON object").FillAsync(audioFeatures);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Fill the form" }).ClickAsync();

        // Assert
        await Assertions.Expect(session.Page.Locator("#json-message")).ToContainTextAsync("Filled 13 fields.");
        await Assertions.Expect(session.Number("Tempo")).ToHaveValueAsync("98.002");
        await Assertions.Expect(session.Number("Duration")).ToHaveValueAsync("255.349");
        await Assertions.Expect(session.Page.GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync("5");
        await Assertions.Expect(session.Tier).ToHaveTextAsync(PageSession.TierPattern);
    }
}
