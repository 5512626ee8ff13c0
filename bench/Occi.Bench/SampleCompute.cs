using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Bench;

/// <summary>The benchmarked message: a compute with 2 mixins (an OS and a resource template), 6 attributes and 2 links.</summary>
internal static class SampleCompute
{
    public static readonly Mixin Ubuntu = Templates.OsTemplate("http://example.org/occi/os_tpl#", "ubuntu-24.04", "Ubuntu 24.04");
    public static readonly Mixin Small = Templates.ResourceTemplate("http://example.org/occi/resource_tpl#", "small", "Small", 2, 4.0);

    public static CategorySnapshot Model() => new CategoryRegistry(InfrastructureModel.All.Append(Ubuntu).Append(Small)).Current;

    public static Resource Create()
    {
        var compute = new Resource { Kind = Compute.Kind.Id, Id = "7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41", Location = "/compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41" };
        compute.Mixins.Add(Ubuntu.Id);
        compute.Mixins.Add(Small.Id);
        compute.Title = "web-1";
        compute.Attributes[Compute.Hostname] = "web-1.example.org";
        compute.Attributes[Compute.Architecture] = "x64";
        compute.Attributes[Compute.Cores] = 2;
        compute.Attributes[Compute.Memory] = 4.0;
        compute.Attributes[Compute.State] = "active";
        compute.Actions.Add(Compute.Stop.Id);
        compute.Actions.Add(Compute.Restart.Id);
        compute.Actions.Add(Compute.Suspend.Id);

        var nic = new Link
        {
            Kind = NetworkInterface.Kind.Id, Id = "0c1d2e3f-1111-4222-8333-944455566677", Location = "/link/networkinterface/0c1d2e3f-1111-4222-8333-944455566677",
            Source = compute.Location, SourceKind = Compute.Kind.Id, Target = "/network/public", TargetKind = Network.Kind.Id,
        };
        nic.Attributes[NetworkInterface.Interface] = "eth0";
        nic.Attributes[NetworkInterface.Mac] = "02:00:93:e4:f2:a3";
        nic.Attributes[NetworkInterface.State] = "active";
        compute.Links.Add(nic);

        var disk = new Link
        {
            Kind = StorageLink.Kind.Id, Id = "9a8b7c6d-2222-4333-8444-a55566677788", Location = "/link/storagelink/9a8b7c6d-2222-4333-8444-a55566677788",
            Source = compute.Location, SourceKind = Compute.Kind.Id, Target = "/storage/root-disk", TargetKind = Occi.Infrastructure.Kinds.Storage.Kind.Id,
        };
        disk.Attributes[StorageLink.DeviceId] = "/dev/vda";
        disk.Attributes[StorageLink.State] = "active";
        compute.Links.Add(disk);
        return compute;
    }
}
