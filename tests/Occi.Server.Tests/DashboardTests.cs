using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;
using Occi.Server.Auth.Basic;
using Occi.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 17: the dashboard in a real headless Chromium (Debian's, driven by Playwright's own node driver; no
/// browser is downloaded), against the real server with Basic authentication: sign in, create a compute from the
/// templates with an SSH key, see it active, attach storage, stop it, delete it — each step checked in the cloud
/// through the API as well. A screenshot is attached to the test.
/// Every state the test waits for follows an action of the page's own, which refreshes the page as soon as the
/// gateway has answered; the page's timer-driven poll is set far beyond the test (its answers would only compete with
/// those refreshes on a loaded machine). Each wait is for what the page shows, bounded by <see cref="Patience"/>: a
/// bound for a page that never gets there, not a measure of speed (at load 45–100 a step took over 20 s).
/// </summary>
[NonParallelizable]
public sealed class DashboardTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "alice-dashboard-secret";
    private const float Patience = 180_000;
    private const string NoTimerPolls = "?poll=86400000";

    private readonly CredentialFiles _files = new();
    private RunningServer _server = null!;
    private HttpClient _api = null!;

    [SetUp]
    public async Task StartServer()
    {
        if (!File.Exists(Chromium)) Assert.Ignore($"{Chromium} is not installed (apt-get install chromium): the dashboard cannot be driven");
        var users = _files.Write("users", $"alice:{PasswordHash.Create(Password, 1000)}:tenant-a");
        _server = await RunningServer.StartAsync(null, ("Occi:Auth:Schemes", "Basic"), ("Occi:Auth:Basic:UsersFile", users),
            ("Occi:ModelRefreshSeconds", "86400"));
        _api = new HttpClient { BaseAddress = _server.BaseAddress };
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password)));
        _api.DefaultRequestHeaders.Accept.ParseAdd("text/plain");
    }

    [TearDown]
    public async Task StopServer()
    {
        _api?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _files.Dispose();
    }

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright) => await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A page whose actions and waits are bounded by <see cref="Patience"/> rather than Playwright's defaults (30 s and 5 s).</summary>
    private static async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(Patience);
        SetDefaultExpectTimeout(Patience);
        return page;
    }

    [Test]
    public async Task Sign_in_create_from_templates_attach_stop_and_delete_a_compute_in_the_dashboard()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await NewPageAsync(browser);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // the delete confirmation
        page.PageError += (_, error) => TestContext.Out.WriteLine($"page error: {error}");
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard.png");
        try
        {
            await page.GotoAsync(_server.Root + "/dashboard/" + NoTimerPolls);

            // Basic is on: the page asks, then shows the tenant's console.
            await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
            await page.FillAsync("#user", "alice");
            await page.FillAsync("#password", Password);
            await page.ClickAsync("#sign-in-button");
            await Expect(page.Locator("#console")).ToBeVisibleAsync();
            await Expect(page.Locator("#who")).ToContainTextAsync("tenant-a");

            // A compute from the first os_tpl and resource_tpl templates, with an SSH key.
            await Expect(page.Locator("#os-tpl option")).Not.ToHaveCountAsync(0);
            await page.FillAsync("#compute-title", "dash-web");
            await page.SelectOptionAsync("#resource-tpl", new SelectOptionValue { Index = 0 });
            await page.FillAsync("#ssh-key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDashboardTestKey dash@test");
            await page.ClickAsync("#create-compute-button");
            var row = page.Locator("#computes tr[data-title='dash-web']");
            await Expect(row.Locator(".state")).ToHaveTextAsync("active");
            var location = new Uri(await row.GetAttributeAsync("data-location") ?? "").AbsolutePath;
            var created = await GetTextAsync(location);
            Assert.That(created, Does.Contain("os_tpl#").And.Contain("resource_tpl#").And.Contain("dash@test"));
            await Expect(page.Locator("#quota tr[data-quota='instances'] td").Nth(1)).ToHaveTextAsync("1");

            // Storage, attached to the compute (a storagelink).
            await page.FillAsync("#storage-title", "dash-disk");
            await page.ClickAsync("#create-storage-button");
            await Expect(page.Locator("#storages tr[data-title='dash-disk'] .state")).ToHaveTextAsync("online");
            await row.Locator("select[data-role='attach-choice']").SelectOptionAsync(new SelectOptionValue { Label = "dash-disk" });
            await row.Locator("button", new() { HasText = "Attach" }).ClickAsync();
            await Expect(row.Locator("td").Nth(3)).ToContainTextAsync("dash-disk");
            Assert.That(await GetTextAsync(location), Does.Contain("storagelink"));

            // Stop: the page shows what the cloud says.
            await row.Locator("button[data-action='stop']").ClickAsync();
            await Expect(row.Locator(".state")).ToHaveTextAsync("inactive");
            Assert.That(await GetTextAsync(location), Does.Contain("occi.compute.state=\"inactive\""));

            // The action log lists what this page did, with the gateway's answers and request ids.
            var log = page.Locator("#log tbody tr");
            await Expect(log).ToHaveCountAsync(4);
            await Expect(log.First).ToContainTextAsync("?action=stop");
            await Expect(log.Last).ToContainTextAsync("POST /compute/");

            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            TestContext.AddTestAttachment(screenshot, "the dashboard with a stopped compute and its disk");

            // Delete (confirmed): gone from the page and from the cloud.
            await row.Locator("button[data-action='delete']").ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            Assert.That((await _api.GetAsync(location)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            await page.Locator("#storages tr[data-title='dash-disk'] button[data-action='delete']").ClickAsync();
            await Expect(page.Locator("#storages tbody tr")).ToHaveCountAsync(0);
            await Expect(page.Locator("#error")).ToBeEmptyAsync();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            TestContext.AddTestAttachment(screenshot, "the dashboard when the test failed");
            throw;
        }
    }

    /// <summary>A server without authentication and its dashboard, shown at once in a new page (query: ?poll=…).</summary>
    private sealed class OpenConsole(RunningServer server, IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        public RunningServer Server => server;
        public IPage Page => page;

        public static async Task<OpenConsole> StartAsync(string query)
        {
            var server = await RunningServer.StartAsync(null, ("Occi:ModelRefreshSeconds", "86400"));
            var playwright = await Playwright.CreateAsync();
            var browser = await LaunchAsync(playwright);
            var page = await NewPageAsync(browser);
            await page.GotoAsync(server.Root + "/dashboard/" + query);
            await Expect(page.Locator("#console")).ToBeVisibleAsync();
            return new OpenConsole(server, playwright, browser, page);
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
            await server.DisposeAsync();
        }
    }

    [Test]
    public async Task Without_authentication_the_console_shows_at_once_for_the_anonymous_caller()
    {
        await using var console = await OpenConsole.StartAsync("");
        await Expect(console.Page.Locator("#sign-in")).ToBeHiddenAsync();
        await Expect(console.Page.Locator("#sign-out")).ToBeHiddenAsync();
        await Expect(console.Page.Locator("#who")).ToContainTextAsync("anonymous");
    }

    [Test]
    public async Task A_compute_created_elsewhere_appears_at_the_pages_next_poll()
    {
        await using var console = await OpenConsole.StartAsync("?poll=200");
        var created = await console.Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/compute/")
        {
            Content = RunningServer.TextPlain(OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"made-elsewhere\""),
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        await Expect(console.Page.Locator("#computes tr[data-title='made-elsewhere'] .state")).ToHaveTextAsync("active");
    }

    [Test]
    public async Task Wrong_credentials_keep_the_sign_in_form_with_the_reason()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await NewPageAsync(browser);
        await page.GotoAsync(_server.Root + "/dashboard/");
        await page.FillAsync("#user", "alice");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#sign-in-button");
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("refused");
        await Expect(page.Locator("#console")).ToBeHiddenAsync();
    }

    private async Task<string> GetTextAsync(string path)
    {
        var r = await _api.GetAsync(path);
        var text = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return text;
    }
}

/// <summary>Issue 17: how /dashboard/ is served (no browser needed): from the assembly, revalidated, same-origin only.</summary>
public sealed class DashboardFilesTests : ServerTest
{
    [Test]
    public async Task Dashboard_without_slash_redirects_to_the_page_which_is_html_with_a_same_origin_policy()
    {
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.BaseAddress };
        var moved = await noRedirect.GetAsync("/dashboard");
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
        Assert.That(moved.Headers.Location!.OriginalString, Is.EqualTo("/dashboard/"));

        var page = await Http.GetAsync("/dashboard/");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<script src=\"dashboard.js\""));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("connect-src 'self'").And.Contain("script-src 'self'"));
        Assert.That(page.Headers.CacheControl!.NoCache, Is.True);
    }

    [Test]
    public async Task A_dashboard_file_the_client_has_is_304_and_an_unknown_one_404()
    {
        var script = await Http.GetAsync("/dashboard/dashboard.js");
        Assert.That(script.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/javascript"));
        var again = Server.Request(HttpMethod.Get, "/dashboard/dashboard.js", null);
        again.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        Assert.That((await Http.SendAsync(again)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That((await Http.GetAsync("/dashboard/../appsettings.json")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        Assert.That((await Http.GetAsync("/dashboard/nothing.js")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
