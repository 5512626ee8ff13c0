using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// Issue 16, bad input: every refusal is a gRPC status that says what was wrong (the core exits with code 12 on
/// any), and nothing is half-registered: no mixin, no image in the backend, no staged file, no catalog entry.
/// </summary>
public sealed class CloudkeeperBadInputTests : CloudkeeperTest
{
    private const string X = "3e2f1a0b-9c8d-4e7f-8a6b-5c4d3e2f1a00";

    private async Task AssertNothingRegisteredAsync()
    {
        Assert.That(await ApplianceMixinsAsync(), Is.Empty);
        Assert.That(await Core.ImageListsAsync(), Is.Empty);
        var images = Path.Combine(Server.DataPath, "local-appliances");
        Assert.That(Directory.Exists(images) ? Directory.GetFileSystemEntries(images) : [], Is.Empty, "no image in the backend");
        var staging = Path.Combine(Server.DataPath, "cloudkeeper-staging");
        Assert.That(Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging) : [], Is.Empty, "no staged file left");
    }

    private static async Task<RpcException> RefusedAsync(Func<Task> call) =>
        (await Task.Run(async () =>
        {
            try { await call(); }
            catch (RpcException e) { return e; }
            Assert.Fail("the call was accepted");
            return null!;
        }))!;

    [Test]
    public async Task A_wrong_checksum_is_InvalidArgument_and_registers_nothing()
    {
        var appliance = Core.Appliance(X, ListA, "Bad", ImageBytes(5));
        appliance.Image.Checksum = CloudkeeperCore.Sha512(ImageBytes(6));

        var refused = await RefusedAsync(() => Core.AddAsync(appliance));

        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(refused.Status.Detail, Does.Contain("checksum mismatch"));
        await AssertNothingRegisteredAsync();
    }

    [Test]
    public async Task A_wrong_size_is_InvalidArgument_and_registers_nothing()
    {
        var appliance = Core.Appliance(X, ListA, "Bad", ImageBytes(5));
        appliance.Image.Size += 1;

        var refused = await RefusedAsync(() => Core.AddAsync(appliance));

        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(refused.Status.Detail, Does.Contain("size"));
        await AssertNothingRegisteredAsync();
    }

    [Test]
    public async Task An_appliance_without_an_image_or_a_LOCAL_file_that_is_gone_is_refused()
    {
        var bare = Core.Appliance(X, ListA, "Bare", ImageBytes(5));
        bare.Image = null;
        Assert.That((await RefusedAsync(() => Core.AddAsync(bare))).StatusCode, Is.EqualTo(StatusCode.InvalidArgument));

        var gone = Core.Appliance(X, ListA, "Gone", ImageBytes(5));
        File.Delete(gone.Image.Location);
        var refused = await RefusedAsync(() => Core.AddAsync(gone));
        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(refused.Status.Detail, Does.Contain("cannot be read"));
        await AssertNothingRegisteredAsync();
    }

    [Test]
    public async Task An_unknown_image_list_or_appliance_is_NotFound()
    {
        Assert.That((await RefusedAsync(() => Core.AppliancesAsync("no-such-list"))).StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That((await RefusedAsync(async () => await Core.Client.RemoveImageListAsync(new ImageListIdentifier { ImageListIdentifier_ = "no-such-list" }))).StatusCode,
            Is.EqualTo(StatusCode.NotFound));
        var metadata = Core.Appliance(X, ListA, "Unknown", ImageBytes(5));
        metadata.Image = null;
        Assert.That((await RefusedAsync(async () => await Core.Client.UpdateApplianceMetadataAsync(metadata))).StatusCode, Is.EqualTo(StatusCode.NotFound));
        await AssertNothingRegisteredAsync();
    }

    [Test]
    public async Task A_client_without_a_certificate_is_Unauthenticated()
    {
        using var anonymous = Connect(null);
        var refused = await RefusedAsync(async () => await anonymous.Client.PreActionAsync(new Empty()));
        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public async Task A_client_certificate_of_an_untrusted_CA_is_Unauthenticated_even_with_the_allowed_subject()
    {
        using var impostor = Connect("impostor");
        var refused = await RefusedAsync(() => impostor.AddAsync(impostor.Appliance(X, ListA, "Evil", ImageBytes(5))));
        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        await AssertNothingRegisteredAsync();
    }

    [Test]
    public async Task A_client_whose_subject_is_not_listed_is_PermissionDenied()
    {
        using var stranger = Connect("stranger");
        var refused = await RefusedAsync(() => stranger.AddAsync(stranger.Appliance(X, ListA, "Evil", ImageBytes(5))));
        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(refused.Status.Detail, Does.Contain(CloudkeeperCredentials.StrangerDn));
        await AssertNothingRegisteredAsync();
    }

    [Test]
    public async Task A_REMOTE_image_is_fetched_with_the_cores_username_and_password()
    {
        var content = ImageBytes(7);
        await using var web = await ImageServer.StartAsync(content, "cloudkeeper", "s3cret");
        var appliance = Remote(Core.Appliance(X, ListA, "Remote", content), web.Url, "cloudkeeper", "s3cret");

        await Core.AddAsync(appliance);

        Assert.That((await ApplianceMixinsAsync()).Keys, Is.EqualTo(new[] { TermOf(X) }));
        Assert.That(web.Authorizations, Has.All.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("cloudkeeper:s3cret"))));
    }

    [Test]
    public async Task A_REMOTE_image_refused_by_its_server_is_FailedPrecondition_without_the_password_in_the_message()
    {
        await using var web = await ImageServer.StartAsync(ImageBytes(7), "cloudkeeper", "s3cret");
        var appliance = Remote(Core.Appliance(X, ListA, "Remote", ImageBytes(7)), web.Url, "cloudkeeper", "wrong-password");

        var refused = await RefusedAsync(() => Core.AddAsync(appliance));

        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(refused.Status.Detail, Does.Contain("401").And.Not.Contain("wrong-password"));
        await AssertNothingRegisteredAsync();
    }

    [Test]
    public async Task An_unreachable_REMOTE_image_is_Unavailable()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        var appliance = Remote(Core.Appliance(X, ListA, "Remote", ImageBytes(7)), $"http://127.0.0.1:{port}/image.qcow2", "u", "p");

        var refused = await RefusedAsync(() => Core.AddAsync(appliance));

        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        await AssertNothingRegisteredAsync();
    }

    [Test]
    public async Task A_REMOTE_image_slower_than_RemoteTimeoutSeconds_is_DeadlineExceeded()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0); // accepts, never answers
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var appliance = Remote(Core.Appliance(X, ListA, "Remote", ImageBytes(7)), $"http://127.0.0.1:{port}/image.qcow2", "u", "p");

        var call = Task.Run(() => Core.AddAsync(appliance));
        using var connection = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // The fetch is under way and the server is silent: the test clock moves past Occi:Cloudkeeper:RemoteTimeoutSeconds.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!call.IsCompleted && DateTime.UtcNow < deadline)
        {
            Clock.Advance(TimeSpan.FromSeconds(601));
            await Task.WhenAny(call, Task.Delay(50));
        }
        var refused = await RefusedAsync(() => call);

        Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(refused.Status.Detail, Does.Contain("took longer than 600 s"));
        await AssertNothingRegisteredAsync();
    }

    private static Appliance Remote(Appliance appliance, string url, string user, string password)
    {
        File.Delete(appliance.Image.Location);
        appliance.Image.Mode = Image.Types.Mode.Remote;
        appliance.Image.Location = "";
        appliance.Image.Uri = url;
        appliance.Image.Username = user;
        appliance.Image.Password = password;
        return appliance;
    }
}
