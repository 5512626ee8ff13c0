using System.Diagnostics;
using Grpc.Core;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// Disk formats between the protocol and the backends, and conversion with Debian's <c>qemu-img</c> where a backend
/// does not take the image's own format. OVA is a tar archive qemu-img does not read: the core converts OVA itself
/// when its site asks for another format, so an OVA a backend cannot take is refused.
/// </summary>
internal static class ImageConversion
{
    public static string NameOf(Image.Types.Format format) => format switch
    {
        Image.Types.Format.Raw => "raw",
        Image.Types.Format.Ova => "ova",
        Image.Types.Format.Qcow2 => "qcow2",
        Image.Types.Format.Vmdk => "vmdk",
        _ => throw new RpcException(new Status(StatusCode.InvalidArgument, $"unknown image format {(int)format}")),
    };

    /// <summary>The staged file in a format of <paramref name="accepted"/>: as it is, or converted beside it (the original deleted).</summary>
    public static async Task<(string File, string Format)> ToAcceptedAsync(string staged, string format, IReadOnlyList<string> accepted, CancellationToken ct)
    {
        if (accepted.Contains(format)) return (staged, format);
        if (format == "ova")
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"this backend takes {string.Join(", ", accepted)}, not ova; set the core to convert images to one of them"));
        var target = accepted[0];
        var converted = staged + "." + target;
        var info = new ProcessStartInfo("qemu-img") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])["convert", "-q", "-f", format, "-O", target, staged, converted]) info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"qemu-img could not convert the {format} image to {target}: {(await errors).Trim()}"));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"converting {format} to {target} needs qemu-img (apt-get install qemu-utils): {e.Message}"));
        }
        catch
        {
            File.Delete(converted);
            throw;
        }
        File.Delete(staged);
        return (converted, target);
    }
}
