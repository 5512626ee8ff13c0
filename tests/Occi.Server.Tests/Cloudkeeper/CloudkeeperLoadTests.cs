using System.Net;
using System.Net.Sockets;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// Issue 16: a sync of 500 appliances does not block OCCI requests. The sync runs off the request path (the gRPC
/// host, the catalog's own gate), and the model changes copy-on-write, so clients keep being answered while it runs.
/// </summary>
public sealed class CloudkeeperLoadTests : CloudkeeperTest
{
    [Test]
    public async Task OCCI_requests_are_answered_while_an_appliance_is_being_registered()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0); // a REMOTE image whose server never answers
        silent.Start();
        var appliance = Core.Appliance("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910", ListA, "Stalled", ImageBytes(9));
        File.Delete(appliance.Image.Location);
        appliance.Image.Mode = Image.Types.Mode.Remote;
        appliance.Image.Uri = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/image.qcow2";
        var stalled = Task.Run(() => Core.AddAsync(appliance));
        using var fetching = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));

        using var model = await Server.Client.SendAsync(Server.Request(HttpMethod.Get, "/-/"));
        using var computes = await Server.Client.SendAsync(Server.Request(HttpMethod.Get, "/compute/"));

        Assert.That(model.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(computes.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stalled.IsCompleted, Is.False, "the registration was still under way");
        silent.Stop();
        fetching.Close();
        Assert.That(async () => await stalled, Throws.InstanceOf<Grpc.Core.RpcException>());
    }

    [Test]
    public async Task A_sync_of_500_appliances_registers_them_all_while_the_query_interface_keeps_answering()
    {
        const int Count = 500;
        var sync = Task.Run(async () =>
        {
            for (var i = 0; i < Count; i++)
                await Core.AddAsync(Core.Appliance($"00000000-0000-4000-8000-{i:D12}", ListA, $"Appliance {i}", ImageBytes(i, 1024)));
        });
        var answered = new List<HttpStatusCode>();
        while (!sync.IsCompleted)
        {
            using var response = await Server.Client.SendAsync(Server.Request(HttpMethod.Get, "/-/"));
            answered.Add(response.StatusCode);
        }
        await sync;

        Assert.That(answered, Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(answered, Is.Not.Empty);
        Assert.That((await ApplianceMixinsAsync()).Count, Is.EqualTo(Count));
        Assert.That((await Core.AppliancesAsync(ListA)).Count, Is.EqualTo(Count));
    }
}
