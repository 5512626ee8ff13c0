using System.Text;

namespace Occi.Backends.Libvirt.CloudInit;

/// <summary>
/// cloud-init's NoCloud data source: a filesystem labelled "cidata" holding meta-data (instance id,
/// hostname, public-keys) and user-data (what the client gave, verbatim).
/// </summary>
internal static class NoCloudSeed
{
    public const string Label = "cidata";

    public static byte[] Build(string instanceId, string hostname, string? publicKey, string? userData, DateTimeOffset created)
    {
        var meta = new StringBuilder()
            .Append("instance-id: ").Append(Quoted(instanceId)).Append('\n')
            .Append("local-hostname: ").Append(Quoted(hostname)).Append('\n');
        if (publicKey is not null) meta.Append("public-keys:\n  - ").Append(Quoted(publicKey.Trim())).Append('\n');
        return IsoImage.Build(Label,
        [
            ("meta-data", Encoding.UTF8.GetBytes(meta.ToString())),
            ("user-data", userData is null ? Encoding.UTF8.GetBytes("#cloud-config\n{}\n") : Decode(userData)),
        ], created);
    }

    /// <summary>Both user_data mixins carry base64 (GFD.224 §3.6, OpenStack); text that is not base64 is taken as is.</summary>
    internal static byte[] Decode(string userData)
    {
        var buffer = new byte[userData.Length];
        return Convert.TryFromBase64String(userData.Trim(), buffer, out var written) ? buffer[..written] : Encoding.UTF8.GetBytes(userData);
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c < 0x20) sb.Append($"\\x{(int)c:x2}");
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
