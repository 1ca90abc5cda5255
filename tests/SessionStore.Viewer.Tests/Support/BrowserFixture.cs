using Microsoft.Playwright;

namespace SessionStore.Viewer.Tests.Support;

/// <summary>One Playwright driver and one headless chromium for a test class; each test opens its own context (cookies apart).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _config = Directory.CreateTempSubdirectory("sessionstore-viewer-xdg-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missing;

    public IBrowser Browser => _browser ?? throw new SkipException(_missing ?? "no browser");

    public async Task InitializeAsync()
    {
        string executable;
        try
        {
            executable = Chromium.Require();
        }
        catch (SkipException skip)
        {
            _missing = skip.Message;
            return;
        }

        // Chromium writes "Crash Reports" into ~/.config despite its temp profile unless XDG_CONFIG_HOME points elsewhere.
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", _config);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
    }

    /// <summary>A fresh context (no cookies) and page, with a record of every CSP violation and a check that no script of a session ran.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        await context.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        try
        {
            Directory.Delete(_config, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
