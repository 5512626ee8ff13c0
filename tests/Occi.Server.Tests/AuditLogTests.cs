using System.Net;
using Occi.Server.Auth;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 14's audit log: one structured line (category Occi.Audit) per authentication failure and per denied access,
/// naming who tried and why, never carrying the password, key or signature sent.
/// </summary>
public sealed class AuditLogTests : FileUsersServer
{
    private CapturedLine[] Audit => Log.Of(AuditLog.Category).ToArray();

    [Test]
    public async Task A_wrong_password_is_one_line_naming_the_user_and_not_the_password()
    {
        var (status, body, _) = await SendAsync(Basic("alice", "Guessed-Pw-123", HttpMethod.Get, "/compute/?secret=query-value"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body, Does.Not.Contain("Guessed-Pw-123"));
        var line = Audit.Single();
        Assert.That(line.EventId, Is.EqualTo(4010));
        Assert.That(line.Fields["Scheme"], Is.EqualTo("Basic"));
        Assert.That(line.Fields["Identity"], Is.EqualTo("alice"));
        Assert.That(line.Fields["Path"], Is.EqualTo("/compute/"));
        Assert.That(line.Fields["Remote"], Is.EqualTo("127.0.0.1"));
        Assert.That(line.Message, Does.Contain("user name or password is wrong"));
        Assert.That(AllText(), Does.Not.Contain("Guessed-Pw-123").And.Not.Contain("query-value"));
    }

    [Test]
    public async Task A_bad_signature_is_one_line_naming_the_user_and_not_the_signature_or_key()
    {
        var request = Signed("erin", FrankKey, HttpMethod.Get, "/compute/");
        var signature = request.Headers.GetValues("x-signature").Single();
        var (status, body, _) = await SendAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        var line = Audit.Single();
        Assert.That((line.EventId, line.Fields["Scheme"], line.Fields["Identity"]), Is.EqualTo((4010, "Signature", "erin")));
        Assert.That(AllText() + body, Does.Not.Contain(signature).And.Not.Contain(Convert.ToBase64String(FrankKey)).And.Not.Contain(Convert.ToBase64String(ErinKey)));
    }

    [Test]
    public async Task No_credentials_is_one_line_saying_so()
    {
        using var response = await Server.Client.SendAsync(Server.Request(HttpMethod.Get, "/compute/"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var line = Audit.Single();
        Assert.That((line.EventId, line.Fields["Scheme"], line.Fields["Identity"], line.Fields["Reason"]), Is.EqualTo((4010, "-", "-", "no credentials")));
    }

    [Test]
    public async Task An_identity_mapped_to_no_tenant_is_one_denied_access_line()
    {
        var (status, _, _) = await SendAsync(Basic("dave", "dave-secret", HttpMethod.Delete, "/compute/"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        var line = Audit.Single();
        Assert.That((line.EventId, line.Fields["Scheme"], line.Fields["Identity"], line.Fields["Method"]), Is.EqualTo((4030, "Basic", "dave", "DELETE")));
        Assert.That(AllText(), Does.Not.Contain("dave-secret"));
    }

    [Test]
    public async Task An_accepted_request_writes_no_audit_line()
    {
        var (status, _, _) = await SendAsync(Basic("alice", "alice-secret", HttpMethod.Get, "/compute/"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Audit, Is.Empty);
    }

    private string AllText() => string.Join("\n", Log.Lines.Select(l => l.Message + " " + string.Join(" ", l.Fields.Values)));
}
