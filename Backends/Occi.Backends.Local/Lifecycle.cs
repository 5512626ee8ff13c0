using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.Local;

/// <summary>
/// How the simulated cloud brings things into being. A compute is created powered off ("inactive"), as a
/// server defined but not yet booted; storage is created "online", as real clouds hand out volumes ready to
/// attach; a network is "active" as soon as it exists; links are "active" once attached.
/// The actions themselves follow Occi.Infrastructure's state machines.
/// </summary>
internal static class Lifecycle
{
    public static string? InitialState(CategoryId kind) =>
        kind == Compute.Kind.Id ? "inactive"
        : kind == Storage.Kind.Id ? "online"
        : kind == Network.Kind.Id ? "active"
        : kind == NetworkInterface.Kind.Id || kind == StorageLink.Kind.Id ? "active"
        : null;

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

    public static bool IsManaged(CategoryId kind) => InitialState(kind) is not null;
}
