using System.Text.Json;
using Occi.Backends.OpenStack.Compute;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>Nova's status and task state as GFD.184's compute state and message (no cloud needed).</summary>
public sealed class ServerStateTests
{
    private static NovaServer Server(string status, string? task = null, string? fault = null) =>
        new("id", "name", status, "project", null, null, default(JsonElement), null, fault is null ? null : new NovaFault(500, fault), task, null, null);

    [TestCase("BUILD", "spawning", "inactive", "BUILD (spawning)")]
    [TestCase("ACTIVE", null, "active", "ACTIVE")]
    [TestCase("ACTIVE", "powering-off", "active", "ACTIVE (powering-off)")]
    [TestCase("REBOOT", "reboot_started", "active", "REBOOT (reboot_started)")]
    [TestCase("SHUTOFF", null, "inactive", "SHUTOFF")]
    [TestCase("SUSPENDED", null, "suspended", "SUSPENDED")]
    [TestCase("PAUSED", null, "suspended", "PAUSED")]
    [TestCase("SHELVED_OFFLOADED", null, "inactive", "SHELVED_OFFLOADED")]
    public void A_status_becomes_its_state_with_status_and_task_as_the_message(string status, string? task, string state, string message)
    {
        Assert.That(ServerState.Of(Server(status, task)), Is.EqualTo((state, message)));
    }

    [Test]
    public void ERROR_is_error_with_Nova_s_fault_message()
    {
        Assert.That(ServerState.Of(Server("ERROR", fault: "No valid host was found. There are not enough hosts available.")),
            Is.EqualTo(("error", "No valid host was found. There are not enough hosts available.")));
        Assert.That(ServerState.Of(Server("ERROR")).Message, Does.Contain("without a fault message"));
    }

    [TestCase("DELETED", true)]
    [TestCase("SOFT_DELETED", true)]
    [TestCase("ACTIVE", false)]
    public void Deleted_servers_are_gone(string status, bool gone) => Assert.That(ServerState.IsGone(Server(status)), Is.EqualTo(gone));
}
