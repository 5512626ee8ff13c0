using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.Local;

/// <summary>
/// How the simulated cloud brings things into being. As on every real cloud, a new compute boots by itself
/// and ends "active"; storage ends "online", ready to attach; a network "active"; links "active" once
/// attached. With Occi:Local:ActionDelayMs above zero that takes the delay, and meanwhile the entity shows
/// the state it starts from with a message ("booting"). With Occi:Local:BootOnCreate=false a compute stays
/// "inactive" (defined, not booted) and everything is ready at once, as the simulator used to do.
/// The actions themselves follow Occi.Infrastructure's state machines.
/// </summary>
internal static class Lifecycle
{
    /// <summary>The state a new entity settles in by itself; null for kinds the simulator does not manage.</summary>
    public static string? ReadyState(CategoryId kind, bool bootOnCreate) =>
        kind == Compute.Kind.Id ? (bootOnCreate ? "active" : "inactive")
        : kind == Storage.Kind.Id ? "online"
        : kind == Network.Kind.Id ? "active"
        : kind == NetworkInterface.Kind.Id || kind == StorageLink.Kind.Id ? "active"
        : null;

    /// <summary>
    /// The state a new entity shows until it is ready, and its state message: a booting server is not yet
    /// running (GFD.184 §3.1 inactive), a volume being created is not yet online, a network or an attachment
    /// being set up is not yet active.
    /// </summary>
    public static (string State, string Message) ComingUp(CategoryId kind) =>
        kind == Compute.Kind.Id ? ("inactive", "booting")
        : kind == Storage.Kind.Id ? ("offline", "creating")
        : kind == Network.Kind.Id ? ("inactive", "creating")
        : ("inactive", "attaching");

    /// <summary>The state message shown while an action is under way ("starting").</summary>
    public static string Progress(CategoryId action) => action.Term switch
    {
        "start" => "starting",
        "stop" => "stopping",
        "restart" => "restarting",
        "suspend" => "suspending",
        "save" => "saving",
        "online" => "going online",
        "offline" => "going offline",
        "backup" => "backing up",
        "snapshot" => "taking a snapshot",
        "resize" => "resizing",
        "up" => "coming up",
        "down" => "going down",
        var other => other + " in progress",
    };

    public static bool IsManaged(CategoryId kind) => ReadyState(kind, bootOnCreate: true) is not null;
}
