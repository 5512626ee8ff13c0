namespace Occi.Server.Auth;

/// <summary>
/// The line format the Basic users file and the Signature keys file share: <c>user:secret:tenant[:role]</c>, one
/// user per line, <c>#</c> comments and blank lines skipped. What the secret is (a password hash, a base64 key)
/// is the scheme's to read. An empty tenant (<c>user:secret:</c>) leaves the tenant to the mapping file
/// (Occi:Tenancy:MappingFile): a user no rule maps is then refused with 403.
/// </summary>
internal static class CredentialLines
{
    /// <summary>The file's users by name.</summary>
    /// <param name="secret">The secret field's name in messages ("hash", "key").</param>
    /// <param name="make">Makes one entry; throws <see cref="FormatException"/> saying what is wrong with the secret.</param>
    /// <exception cref="FormatException">Names the file and the line that is wrong.</exception>
    public static Dictionary<string, TEntry> Read<TEntry>(string path, string secret, Func<string, string, CredentialScope, TEntry> make)
    {
        var entries = new Dictionary<string, TEntry>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split(':');
            if (fields.Length is < 3 or > 4 || fields[0].Length == 0)
                throw new FormatException($"{path} line {number}: expected user:{secret}:tenant[:role]");
            TEntry entry;
            try
            {
                entry = make(fields[0], fields[1], new CredentialScope(fields[2].Length > 0 ? fields[2] : null, fields.Length == 4 && fields[3].Length > 0 ? fields[3] : null));
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path} line {number}: {e.Message}");
            }
            if (!entries.TryAdd(fields[0], entry))
                throw new FormatException($"{path} line {number}: user {fields[0]} is listed twice");
        }
        return entries;
    }
}

/// <summary>The tenant (null: the mapping file's to name) and role a credentials line names.</summary>
internal readonly record struct CredentialScope(string? Tenant, string? Role);
