using System.Text.Json.Nodes;
using AwesomeAssertions;
using Microsoft.Playwright;

namespace HitPredictor.BrowserTests;

/// <summary>The form's labels, hints and ranges come from the API's track schema (api/openapi.json), not from copies in the page.</summary>
public sealed class TrackSchemaTests(ServerFixture server)
{
    [Fact]
    public async Task Form_SchemaServedWithAnotherTempoRange_ShowsThatRange()
    {
        // Arrange: the served document, with tempo's maximum and hint changed on the way to the page.
        await using var session = await PageSession.CreateAsync(server);
        await session.Page.RouteAsync("**/api/openapi.json", async route =>
        {
            var served = await route.FetchAsync();
            var document = JsonNode.Parse(await served.TextAsync())!;
            var tempo = document["components"]!["schemas"]!["Track"]!["properties"]!["tempo"]!;
            tempo["maximum"] = 222;
            tempo["x-hint"] = "Beats per minute, as the schema says.";
            await route.FulfillAsync(new RouteFulfillOptions { Response = served, Body = document.ToJsonString() });
        });

        // Act
        await session.GotoAsync();

        // Assert
        await Assertions.Expect(session.Tier).ToHaveTextAsync(PageSession.TierPattern);
        await Assertions.Expect(session.Number("Tempo")).ToHaveAttributeAsync("max", "222");
        await Assertions.Expect(session.Slider("Tempo")).ToHaveAttributeAsync("max", "222");
        await Assertions.Expect(session.Page.Locator("#tempo-label")).ToHaveTextAsync("Tempo (0 to 222 BPM)");
        await Assertions.Expect(session.Page.Locator("#tempo-help")).ToHaveTextAsync("Beats per minute, as the schema says.");
        await Assertions.Expect(session.Number("Duration")).ToHaveAttributeAsync("max", "3600");
        session.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Form_SchemaUnavailable_SaysSoAndShowsNoForm()
    {
        // Arrange
        await using var session = await PageSession.CreateAsync(server);
        await session.Page.RouteAsync("**/api/openapi.json", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 500,
            ContentType = "application/problem+json",
            Body = """{"title":"Something failed.","status":500}""",
        }));

        // Act
        await session.GotoAsync();

        // Assert
        var status = session.Page.Locator("#service-status");
        await Assertions.Expect(status).ToHaveTextAsync(
            "The track form cannot be shown: the API's track schema (api/openapi.json) could not be read (Something failed.).");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-kind", "error");
        await Assertions.Expect(session.Page.Locator("#audio-features .field")).ToHaveCountAsync(0);
    }
}
