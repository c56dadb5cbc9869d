using Microsoft.Playwright;

namespace HitPredictor.BrowserTests;

/// <summary>One browser context and page on the served app, with every console error and page error it raised.</summary>
internal sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private PageSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (Errors)
                {
                    Errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add($"page error: {error}");
            }
        };
    }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    /// <summary>The first response, for <c>GET /</c>.</summary>
    public IResponse? Document { get; private set; }

    /// <summary>Opens the page and waits until the first track is scored (the form exists once the model card is read).</summary>
    public static async Task<PageSession> OpenAsync(ServerFixture server, int width = 1280, int height = 900)
    {
        var session = await CreateAsync(server, width, height);
        await session.GotoAsync();
        await Assertions.Expect(session.Tier).ToHaveTextAsync(TierPattern);
        return session;
    }

    /// <summary>A fresh page that has not loaded anything yet (to intercept requests first).</summary>
    public static async Task<PageSession> CreateAsync(ServerFixture server, int width = 1280, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(server);
        var context = await server.NewContextAsync(width, height);
        return new PageSession(context, await context.NewPageAsync());
    }

    public async Task GotoAsync() => Document = await Page.GotoAsync("/");

    public static System.Text.RegularExpressions.Regex TierPattern { get; } = new("^(Viral|Hit|Mid|Flop)$");

    public ILocator Tier => Page.Locator("#tier");

    public ILocator Bars => Page.Locator("#bars");

    public ILocator BarValues => Page.Locator("#bars .bar-value");

    public ILocator Number(string name) => Page.GetByRole(AriaRole.Spinbutton, new PageGetByRoleOptions { Name = name });

    public ILocator Slider(string name) => Page.GetByRole(AriaRole.Slider, new PageGetByRoleOptions { Name = name });

    public ILocator Genre => Page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Genre" });

    public Task ScreenshotAsync(ServerFixture server, string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = server.Screenshot(name), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
