using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 10 item 11 / issue 11 items 4 and 9: racing writes through HTTP. Every acknowledged write must
/// show afterwards; an unconditional update never answers 409 for a race it did not ask about.
/// </summary>
public class WriteRaceTests : ServerTest
{
    private const int Rounds = 60;

    private async Task ExpectOkAsync(Task<HttpResponseMessage> request)
    {
        var r = await request;
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_action_racing_an_update_keeps_the_update()
    {
        var storage = await CreateOnlineStorageAsync();
        for (var i = 0; i < Rounds; i++)
        {
            var title = $"U{i}";
            // Several actions around the update, so that one reads before the update's write and writes after it.
            var requests = new List<Task>();
            for (var k = 0; k < 4; k++)
            {
                requests.Add(ExpectOkAsync(SendAsync(HttpMethod.Post, storage + "?action=backup", OcciText.Action("storage", "backup"))));
                if (k == 1) requests.Add(ExpectOkAsync(SendAsync(HttpMethod.Post, storage, $"X-OCCI-Attribute: occi.core.title=\"{title}\"")));
            }
            await Task.WhenAll(requests);
            var body = await GetTextAsync(storage);
            Assert.That(OcciText.Attribute(body, "occi.core.title"), Is.EqualTo(title), $"round {i}");
            Assert.That(OcciText.Attribute(body, "occi.storage.state"), Is.EqualTo("online"), $"round {i}");
        }
    }

    [Test]
    public async Task Updates_racing_each_other_both_land_without_409()
    {
        var storage = await CreateOnlineStorageAsync();
        for (var i = 0; i < Rounds; i++)
        {
            var a = SendAsync(HttpMethod.Post, storage, $"X-OCCI-Attribute: occi.core.title=\"T{i}\"");
            var b = SendAsync(HttpMethod.Post, storage, $"X-OCCI-Attribute: occi.core.summary=\"S{i}\"");
            var c = SendAsync(HttpMethod.Put, storage, OcciText.StorageCategory + $"\nX-OCCI-Attribute: occi.core.title=\"T{i}\"\nX-OCCI-Attribute: occi.core.summary=\"S{i}\"\nX-OCCI-Attribute: occi.storage.size=5");
            await Task.WhenAll(ExpectOkAsync(a), ExpectOkAsync(b), ExpectOkAsync(c));
            var body = await GetTextAsync(storage);
            Assert.That(OcciText.Attribute(body, "occi.core.title"), Is.EqualTo($"T{i}"), $"round {i}");
            Assert.That(OcciText.Attribute(body, "occi.core.summary"), Is.EqualTo($"S{i}"), $"round {i}");
        }
    }

    [Test]
    public async Task An_update_landing_while_an_action_runs_in_the_backend_is_kept()
    {
        var gate = new CallGate();
        await Server.DisposeAsync();
        Server = await RunningServer.StartAsync(null, services => GatedBackend.Install(services, actions: gate));
        var storage = await CreateOnlineStorageAsync();

        gate.Close();
        var action = SendAsync(HttpMethod.Post, storage + "?action=backup", OcciText.Action("storage", "backup"));
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60)); // the action has read the entity and is in the backend
        await ExpectOkAsync(SendAsync(HttpMethod.Post, storage, "X-OCCI-Attribute: occi.core.title=\"written meanwhile\""));
        gate.Open();
        await ExpectOkAsync(action);

        Assert.That(OcciText.Attribute(await GetTextAsync(storage), "occi.core.title"), Is.EqualTo("written meanwhile"));
    }
}
