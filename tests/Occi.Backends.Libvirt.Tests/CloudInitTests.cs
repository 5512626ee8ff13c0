using System.Buffers.Binary;
using System.Text;
using Occi.Backends.Libvirt.CloudInit;
using Occi.Core;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>The cloud-init NoCloud seed: an ISO 9660 image with a Joliet tree, read back field by field (ECMA-119).</summary>
public sealed class CloudInitTests
{
    private const int Sector = 2048;
    private static readonly DateTimeOffset When = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static byte[] Seed(string? key = "ssh-ed25519 AAAAC3Nza test@example", string? userData = null) =>
        NoCloudSeed.Build("id-1", "web-1", key, userData, When);

    /// <summary>The files of the Joliet root directory: name → content.</summary>
    private static Dictionary<string, string> JolietFiles(byte[] iso)
    {
        var svd = iso.AsSpan(17 * Sector, Sector);
        Assert.That(svd[0], Is.EqualTo(2), "sector 17 holds the supplementary (Joliet) descriptor");
        var root = BinaryPrimitives.ReadInt32LittleEndian(svd[(156 + 2)..]);
        var files = new Dictionary<string, string>();
        var dir = iso.AsSpan(root * Sector, Sector);
        for (var at = 0; at < Sector && dir[at] > 0; at += dir[at])
        {
            var idLength = dir[at + 32];
            var id = dir.Slice(at + 33, idLength);
            if (idLength == 1 && id[0] <= 1) continue; // "." and ".."
            var extent = BinaryPrimitives.ReadInt32LittleEndian(dir[(at + 2)..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(dir[(at + 10)..]);
            files[Encoding.BigEndianUnicode.GetString(id)] = Encoding.UTF8.GetString(iso, extent * Sector, length);
        }
        return files;
    }

    [Test]
    public void The_seed_is_an_iso_9660_volume_labelled_cidata()
    {
        var iso = Seed();
        Assert.That(Encoding.ASCII.GetString(iso, 16 * Sector + 1, 5), Is.EqualTo("CD001"));
        Assert.That(Encoding.ASCII.GetString(iso, 16 * Sector + 40, 32).TrimEnd(), Is.EqualTo("cidata"));
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(iso.AsSpan(16 * Sector + 80)) * Sector, Is.EqualTo(iso.Length));
    }

    [Test]
    public void The_joliet_tree_holds_meta_data_and_user_data()
    {
        Assert.That(JolietFiles(Seed()).Keys, Is.EquivalentTo(new[] { "meta-data", "user-data" }));
    }

    [Test]
    public void Meta_data_carries_the_instance_id_hostname_and_public_key()
    {
        var meta = JolietFiles(Seed())["meta-data"];
        Assert.That(meta, Does.Contain("instance-id: \"id-1\""));
        Assert.That(meta, Does.Contain("local-hostname: \"web-1\""));
        Assert.That(meta, Does.Contain("public-keys:\n  - \"ssh-ed25519 AAAAC3Nza test@example\""));
    }

    [Test]
    public void Base64_user_data_is_decoded_into_user_data()
    {
        var script = "#!/bin/sh\necho hello\n";
        var files = JolietFiles(Seed(key: null, userData: Convert.ToBase64String(Encoding.UTF8.GetBytes(script))));
        Assert.That(files["user-data"], Is.EqualTo(script));
    }

    [Test]
    public void Primary_tree_names_are_upper_case_8_3_with_version()
    {
        Assert.That(Encoding.ASCII.GetString(IsoImage.Identifier("user-data", joliet: false)), Is.EqualTo("USERDATA.;1"));
    }

    [Test]
    public void Linux_blkid_sees_an_iso9660_filesystem_labelled_cidata()
    {
        if (!File.Exists("/usr/sbin/blkid") && !File.Exists("/sbin/blkid")) Assert.Ignore("blkid (util-linux) is not installed");
        var path = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.iso");
        File.WriteAllBytes(path, Seed());
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo(File.Exists("/usr/sbin/blkid") ? "/usr/sbin/blkid" : "/sbin/blkid", ["-p", "-o", "export", path])
            { RedirectStandardOutput = true };
            using var blkid = System.Diagnostics.Process.Start(psi)!;
            var output = blkid.StandardOutput.ReadToEnd();
            blkid.WaitForExit();
            Assert.That(output, Does.Contain("TYPE=iso9660"));
            Assert.That(output, Does.Contain("LABEL=cidata"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>A compute with ssh_key on the test driver, which cannot take volume uploads: a clear error and nothing left behind.</summary>
public sealed class ContextualizedComputeTests : BackendFixture
{
    [Test]
    public async Task Contextualization_on_a_driver_without_uploads_fails_clearly_and_leaves_no_volume()
    {
        var compute = TestDriver.Compute(Contextualization.SshKey.Id);
        compute.Attributes[Contextualization.SshPublicKey] = "ssh-ed25519 AAAA test";
        var e = await Fails(() => Backend.CreateAsync(Caller, compute, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BackendFailure));
        Assert.That(e.Message, Does.Contain("contextualization"));
        using var pool = Keeper.FindStoragePool(TestDriver.Pool)!;
        Assert.That(pool.FindVolume(EntityNames.ContextVolume(compute.Id)), Is.Null);
        Assert.That(Keeper.FindDomain(Guid.Parse(compute.Id)), Is.Null);
    }
}
