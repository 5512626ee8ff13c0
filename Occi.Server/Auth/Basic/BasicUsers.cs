using System.Security.Cryptography;
using System.Text;

namespace Occi.Server.Auth.Basic;

/// <summary>
/// The users of Occi:Auth:Basic:UsersFile: lines <c>user:hash:tenant[:role]</c> (# comments and blank lines
/// skipped). A password is checked against its slow hash once; after that a keyed SHA-256 of it is remembered
/// per user, so repeated requests cost a hash, not 600,000 PBKDF2 rounds. The memory belongs to this reading of
/// the file: a new reading (<see cref="CredentialsFile{T}"/>) starts with none, so a user removed, or whose hash
/// changed, is refused as soon as the file is read again.
/// </summary>
internal sealed class BasicUsers
{
    private readonly Dictionary<string, BasicUser>.AlternateLookup<ReadOnlySpan<char>> _users;
    // Compared against when the user is unknown, so that case takes the same slow path as a wrong password.
    private static readonly PasswordHash.Parsed Decoy = Decode(PasswordHash.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(12))));
    private static readonly byte[] VerifiedKey = RandomNumberGenerator.GetBytes(32);

    private BasicUsers(Dictionary<string, BasicUser> users) => _users = users.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <exception cref="FormatException">Names the file and the line that is wrong.</exception>
    public static BasicUsers Load(string path) =>
        new(CredentialLines.Read(path, "hash", (name, encoded, scope) =>
            PasswordHash.TryParse(encoded, out var hash, out var error)
                ? new BasicUser(name, hash, scope.Tenant, scope.Role)
                : throw new FormatException(error)));

    /// <summary>The user these credentials (UTF-8) prove, or null (same work whether the user is unknown or the password wrong).</summary>
    public BasicUser? Check(ReadOnlySpan<byte> user, ReadOnlySpan<byte> password)
    {
        var name = user.Length <= 256 ? stackalloc char[user.Length] : new char[user.Length];
        if (!_users.TryGetValue(name[..Encoding.UTF8.GetChars(user, name)], out var entry))
        {
            PasswordHash.Verify(password, Decoy);
            return null;
        }
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(VerifiedKey, password, digest);
        if (entry.Verified is { } known && CryptographicOperations.FixedTimeEquals(known, digest)) return entry;
        if (!PasswordHash.Verify(password, entry.Hash)) return null;
        entry.Verified = digest.ToArray();
        return entry;
    }

    private static PasswordHash.Parsed Decode(string encoded) =>
        PasswordHash.TryParse(encoded, out var parsed, out _) ? parsed : throw new InvalidOperationException("decoy hash");
}

internal sealed class BasicUser(string name, PasswordHash.Parsed hash, string? tenant, string? role)
{
    public string Name { get; } = name;
    public PasswordHash.Parsed Hash { get; } = hash;
    public string? Tenant { get; } = tenant;
    public string? Role { get; } = role;

    /// <summary>The keyed digest of the password last verified against <see cref="Hash"/>.</summary>
    public byte[]? Verified { get; set; }

    /// <summary>Who this user is, made once per reading of the file (nothing downstream changes a principal).</summary>
    public System.Security.Claims.ClaimsPrincipal Principal => field ??= OcciClaims.FileUser(AuthSchemeNames.Basic, Name, Tenant, Role);
}
