using System.Text;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Synnefo.Compute;

/// <summary>
/// GFD.224 contextualization the way Cyclades takes it at create (compute-api-guide, "Create Server"): the ssh_key
/// mixin's key as a personality file, root's authorized_keys (as the Python bridge injected it: no keypair object
/// is left behind to remove), and the user_data mixin's data as user_data, base64. Cyclades bounds a personality
/// file's contents to 10240 bytes; a larger key is the client's 400, before anything is made.
/// </summary>
internal static class Personality
{
    /// <summary>compute-api-guide, "Personality": contents must not exceed 10240 bytes.</summary>
    public const int MaxContentBytes = 10240;

    public const string AuthorizedKeysPath = "/root/.ssh/authorized_keys";

    /// <summary>0600: owner read and write only, as sshd requires of authorized_keys (a number, as Cyclades wants the mode).</summary>
    private const int OwnerOnly = 0b110_000_000;

    public static List<PersonalityFile>? FilesOf(Entity entity)
    {
        if (Contextualization.PublicKeyOf(entity) is not { Length: > 0 } key) return null;
        var bytes = Encoding.UTF8.GetBytes(key.EndsWith('\n') ? key : key + "\n");
        if (bytes.Length > MaxContentBytes)
            throw OcciException.BadRequest($"the ssh key is {bytes.Length} bytes; Cyclades injects files of at most {MaxContentBytes} bytes");
        return [new PersonalityFile(AuthorizedKeysPath, Convert.ToBase64String(bytes), "root", "root", OwnerOnly)];
    }

    /// <summary>The user_data mixin's value, checked to be base64 as Cyclades requires.</summary>
    public static string? UserDataOf(Entity entity)
    {
        if (Contextualization.UserDataOf(entity) is not { } userData) return null;
        var buffer = new byte[userData.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(userData, buffer, out _))
            throw OcciException.BadRequest("user_data must be base64 (GFD.224 §3.6, and Cyclades' user_data)");
        return userData;
    }
}
