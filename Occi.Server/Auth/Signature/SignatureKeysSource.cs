using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Signature;

/// <summary>The keys file (checked at start), read again when it changes.</summary>
internal sealed class SignatureKeysSource(IOptionsMonitor<SignatureAuthOptions> options, TimeProvider time, ILogger<SignatureKeysSource> log)
{
    private readonly CredentialsFile<SignatureKeys> _file = new(options.CurrentValue.KeysFile, SignatureKeys.Load, time, log);

    public SignatureKeys Current => _file.Current;
}
