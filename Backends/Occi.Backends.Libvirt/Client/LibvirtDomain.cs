using Occi.Backends.Libvirt.Native;
using static Occi.Backends.Libvirt.Native.LibvirtLibrary;

namespace Occi.Backends.Libvirt.Client;

/// <summary>A virDomainPtr: one virtual machine, defined (persistent) and possibly running.</summary>
internal sealed unsafe class LibvirtDomain(DomainHandle handle) : IDisposable
{
    // virDomainXMLFlags
    private const uint XmlInactive = 2;
    // virDomainUndefineFlagsValues
    private const uint UndefineManagedSave = 1, UndefineSnapshotsMetadata = 2;
    // virDomainMetadataType
    private const int MetadataElement = 2;

    public string Name => LibvirtStrings.Peek(LibvirtNative.virDomainGetName(handle)) ?? throw LastError("virDomainGetName");

    public Guid Uuid
    {
        get
        {
            var buffer = stackalloc byte[LibvirtNative.UuidStringLength];
            Check(LibvirtNative.virDomainGetUUIDString(handle, buffer), "virDomainGetUUIDString");
            return Guid.Parse(new string((sbyte*)buffer));
        }
    }

    public (DomainState State, int Reason) State
    {
        get
        {
            Check(LibvirtNative.virDomainGetState(handle, out var state, out var reason, 0), "virDomainGetState");
            return ((DomainState)state, reason);
        }
    }

    public bool IsActive => Check(LibvirtNative.virDomainIsActive(handle), "virDomainIsActive") == 1;

    public bool HasManagedSaveImage => Check(LibvirtNative.virDomainHasManagedSaveImage(handle, 0), "virDomainHasManagedSaveImage") == 1;

    /// <summary>The live definition when running, else the persistent one.</summary>
    public string Xml => LibvirtStrings.Take(LibvirtNative.virDomainGetXMLDesc(handle, 0)) ?? throw LastError("virDomainGetXMLDesc");

    /// <summary>The persistent definition: what the next boot will use.</summary>
    public string InactiveXml => LibvirtStrings.Take(LibvirtNative.virDomainGetXMLDesc(handle, XmlInactive)) ?? throw LastError("virDomainGetXMLDesc");

    /// <summary>Our element in &lt;metadata&gt; under this namespace, or null when the domain carries none.</summary>
    public string? Metadata(string namespaceUri)
    {
        var text = LibvirtStrings.Take(LibvirtNative.virDomainGetMetadata(handle, MetadataElement, namespaceUri, 0));
        if (text is not null) return text;
        var error = LastError("virDomainGetMetadata");
        return error.Code == LibvirtErrorCode.NoDomainMetadata ? null : throw error;
    }

    public void Create() => Check(LibvirtNative.virDomainCreate(handle), "virDomainCreate");
    public void Destroy() => Check(LibvirtNative.virDomainDestroy(handle), "virDomainDestroy");
    public void Shutdown() => Check(LibvirtNative.virDomainShutdown(handle), "virDomainShutdown");
    public void Reboot() => Check(LibvirtNative.virDomainReboot(handle, 0), "virDomainReboot");
    public void Suspend() => Check(LibvirtNative.virDomainSuspend(handle), "virDomainSuspend");
    public void Resume() => Check(LibvirtNative.virDomainResume(handle), "virDomainResume");
    public void ManagedSave() => Check(LibvirtNative.virDomainManagedSave(handle, 0), "virDomainManagedSave");
    public void RemoveManagedSave() => Check(LibvirtNative.virDomainManagedSaveRemove(handle, 0), "virDomainManagedSaveRemove");

    /// <summary>Removes the definition together with its managed-save image and snapshot metadata.</summary>
    public void Undefine() => Check(LibvirtNative.virDomainUndefineFlags(handle, UndefineManagedSave | UndefineSnapshotsMetadata), "virDomainUndefineFlags");

    public void AttachDevice(string xml, DeviceScope scope) =>
        Check(LibvirtNative.virDomainAttachDeviceFlags(handle, xml, (uint)scope), "virDomainAttachDeviceFlags");

    public void DetachDevice(string xml, DeviceScope scope) =>
        Check(LibvirtNative.virDomainDetachDeviceFlags(handle, xml, (uint)scope), "virDomainDetachDeviceFlags");

    public void Dispose() => handle.Dispose();
}

/// <summary>virDomainModificationImpact: whether a device change reaches the running guest, the saved definition, or both.</summary>
[Flags]
internal enum DeviceScope : uint
{
    Live = 1,
    Config = 2,
}
