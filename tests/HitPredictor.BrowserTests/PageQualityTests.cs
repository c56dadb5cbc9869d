using AwesomeAssertions;
using Microsoft.Playwright;

namespace HitPredictor.BrowserTests;

/// <summary>The page as a whole: clean console, labelled controls, what it says about the model, phone-sized screens.</summary>
public sealed class PageQualityTests(ServerFixture server)
{
    /// <summary>Controls with no label, no aria-label and no aria-labelledby that names something.</summary>
    private const string UnlabelledControls = """
        () => [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden')
          .filter(e => {
            const byLabel = [...(e.labels ?? [])].some(l => l.textContent.trim() !== '');
            const byAria = (e.getAttribute('aria-label') ?? '').trim() !== '';
            const byRef = (e.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
              .some(id => (document.getElementById(id)?.textContent ?? '').trim() !== '');
            return !(byLabel || byAria || byRef);
          })
          .map(e => e.id || e.outerHTML.slice(0, 80))
        """;

    [Fact]
    public async Task Page_Loaded_HasNoConsoleErrorsAndEveryControlIsLabelled()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);

        // Act
        var controls = await session.Page.Locator("input, select, textarea").CountAsync();
        var unlabelled = await session.Page.EvaluateAsync<string[]>(UnlabelledControls);

        // Assert
        controls.Should().BeGreaterThan(20, "every feature has a control (sliders with number inputs), plus genre, JSON and file");
        unlabelled.Should().BeEmpty();
        session.Errors.Should().BeEmpty();
        await session.ScreenshotAsync(server, "00-page-loaded");
    }

    [Fact]
    public async Task Page_Served_ForbidsOtherOriginsAndRevalidates()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);

        // Act
        var headers = await session.Document!.AllHeadersAsync();

        // Assert
        headers.Should().ContainKey("content-security-policy").WhoseValue.Should().StartWith("default-src 'self'");
        headers.Should().Contain("cache-control", "no-cache");
        headers.Should().ContainKey("etag");
        session.Errors.Should().BeEmpty("nothing on the page is blocked by its own policy");
    }

    [Fact]
    public async Task Page_ModelStillLoading_SaysSoAndScoresOnceTheModelIsThere()
    {
        // Arrange: the first health check answers as a service with no model yet does.
        await using var session = await PageSession.CreateAsync(server);
        var healthChecks = 0;
        await session.Page.RouteAsync("**/api/health", async route =>
        {
            if (Interlocked.Increment(ref healthChecks) == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 503,
                    ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                    Body = """{"title":"No model is loaded.","status":503,"detail":"Loading the first model."}""",
                });
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        // Act
        await session.GotoAsync();

        // Assert
        var status = session.Page.Locator("#service-status");
        await Assertions.Expect(status).ToHaveTextAsync("The model is loading (Loading the first model.). Trying again in 1 s…");
        await Assertions.Expect(session.Tier).ToHaveTextAsync(PageSession.TierPattern);
        await Assertions.Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^Model {server.ModelVersion} · held-out accuracy"));
        healthChecks.Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task ModelCard_Loaded_ShowsVersionAccuracyNextToBaselineAndCutoffs()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server);

        // Act
        var metrics = session.Page.Locator("#card-metrics tbody tr");

        // Assert
        await Assertions.Expect(session.Page.Locator("#card-version")).ToHaveTextAsync(server.ModelVersion);
        await Assertions.Expect(metrics.Locator("th")).ToHaveTextAsync(["Accuracy (share right)", "Macro-F1 (all four tiers count alike)", "Log-loss (lower is better)"]);
        await Assertions.Expect(metrics.First.Locator("td")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex(@"^\d+\.\d%$"), new System.Text.RegularExpressions.Regex(@"^\d+\.\d%$")]);
        await Assertions.Expect(session.Page.Locator("#card-tiers tbody tr td:nth-child(2)")).ToHaveTextAsync(["70 and up", "50–69", "30–49", "below 30"]);
        await Assertions.Expect(session.Page.Locator(".limits")).ToContainTextAsync("artist's reach, marketing");
        await session.Page.Locator("#model").ScreenshotAsync(new() { Path = server.Screenshot("05-model-card") });
    }

    [Fact]
    public async Task Page_OnAPhoneSizedScreen_FitsTheWidthAndKeepsTheResultInView()
    {
        // Arrange
        await using var session = await PageSession.OpenAsync(server, 390, 844);

        // Act
        var width = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        // Assert
        width.Should().BeLessThanOrEqualTo(390);
        await session.Page.ScreenshotAsync(new() { Path = server.Screenshot("06-phone-top") });
        await session.Slider("Tempo").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(session.Slider("Tempo")).ToBeInViewportAsync();
        await Assertions.Expect(session.Page.Locator("#result-mini")).ToBeInViewportAsync();
        await Assertions.Expect(session.Page.Locator("#result-mini .tier-badge")).ToHaveTextAsync(PageSession.TierPattern);
        await session.Page.ScreenshotAsync(new() { Path = server.Screenshot("07-phone-form-with-result") });
        await session.Page.Locator("#result").ScrollIntoViewIfNeededAsync();
        await session.Page.ScreenshotAsync(new() { Path = server.Screenshot("08-phone-result") });
    }
}
