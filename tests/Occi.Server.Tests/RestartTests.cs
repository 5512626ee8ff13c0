using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

public class RestartTests
{
    [Test]
    public async Task Resources_links_and_user_mixins_survive_a_restart()
    {
        var server = await RunningServer.StartAsync();
        try
        {
            async Task<HttpResponseMessage> Post(string path, string body) =>
                await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = RunningServer.TextPlain(body) });

            Assert.That((await Post("/-/", "Category: keep; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/keep/\"")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var network = (await Post("/network/", OcciText.NetworkCategory)).Headers.Location!.AbsolutePath;
            var created = await Post("/compute/", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"persist\"\n" +
                $"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"");
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
            var compute = created.Headers.Location!.AbsolutePath;
            Assert.That((await Post(compute + "?action=stop", OcciText.Action("compute", "stop"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Post("/tags/keep/", $"X-OCCI-Location: {server.Root}{compute}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            server = await server.RestartAsync();

            var body = await server.Client.GetStringAsync(compute);
            Assert.That(OcciText.Attribute(body, "occi.core.title"), Is.EqualTo("persist"));
            Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo("inactive"), "the stop it was given");
            Assert.That(body, Does.Contain("Category: keep;"));
            Assert.That(body, Does.Contain($"Link: <{network}>"));
            Assert.That(await server.Client.GetStringAsync("/-/"), Does.Contain("Category: keep;"));
            Assert.That(OcciText.Locations(await server.Client.GetStringAsync("/tags/keep/")), Is.EqualTo(new[] { server.Root + compute }));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
