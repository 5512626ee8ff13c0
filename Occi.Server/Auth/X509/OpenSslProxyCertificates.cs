using System.Runtime.InteropServices;

namespace Occi.Server.Auth.X509;

/// <summary>
/// SslStream builds an X509Chain of the client's leaf before Kestrel's validation callback runs. On Linux that is
/// OpenSSL's X509_verify_cert, which refuses a proxy certificate with X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED
/// (40), a code .NET does not map: the chain build throws and the handshake is dropped, so a proxy never reaches
/// the callback (OpenSSL 3 no longer reads the old OPENSSL_ALLOW_PROXY_CERTS variable). Every chain OpenSSL checks
/// inherits the flags of its "default" verification parameters, looked up first in OpenSSL's table of added
/// parameters; so a copy of "default" with X509_V_FLAG_ALLOW_PROXY_CERTS is added there, once, when the X509
/// scheme is switched on. OpenSSL then checks the proxy chain's shape itself; one beyond its path length or with a
/// wrong subject still ends in an unmapped code and a dropped handshake, which refuses it as well (without a 401).
/// Trust is decided by <see cref="X509Validator"/>, not by this.
/// </summary>
internal static class OpenSslProxyCertificates
{
    private const ulong AllowProxyCertificates = 0x40; // X509_V_FLAG_ALLOW_PROXY_CERTS

    private static readonly Lock Gate = new();
    private static bool _done;

    private delegate IntPtr ParamNew();
    private delegate IntPtr ParamLookup([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    private delegate int ParamSet1(IntPtr to, IntPtr from);
    private delegate int ParamSetName(IntPtr param, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    private delegate int ParamSetFlags(IntPtr param, ulong flags);
    private delegate int ParamAddTable(IntPtr param);

    /// <summary>False (with the reason) when this process's OpenSSL could not be told; proxies are then refused in the handshake.</summary>
    public static bool Allow(out string? problem)
    {
        problem = null;
        lock (Gate)
        {
            if (_done || !OperatingSystem.IsLinux()) return true;
            if (!NativeLibrary.TryLoad("libcrypto.so.3", out var crypto) && !NativeLibrary.TryLoad("libcrypto.so.1.1", out crypto))
            {
                problem = "libcrypto (OpenSSL 3 or 1.1) was not found";
                return false;
            }
            try
            {
                var create = Export<ParamNew>(crypto, "X509_VERIFY_PARAM_new");
                var lookup = Export<ParamLookup>(crypto, "X509_VERIFY_PARAM_lookup");
                var copy = Export<ParamSet1>(crypto, "X509_VERIFY_PARAM_set1");
                var name = Export<ParamSetName>(crypto, "X509_VERIFY_PARAM_set1_name");
                var flags = Export<ParamSetFlags>(crypto, "X509_VERIFY_PARAM_set_flags");
                var add = Export<ParamAddTable>(crypto, "X509_VERIFY_PARAM_add0_table");
                var param = create();
                var current = lookup("default");
                if (param == IntPtr.Zero || current == IntPtr.Zero || copy(param, current) != 1 || name(param, "default") != 1
                    || flags(param, AllowProxyCertificates) != 1 || add(param) != 1)
                {
                    problem = "OpenSSL refused the verification parameters";
                    return false;
                }
                _done = true;
                return true;
            }
            catch (EntryPointNotFoundException e)
            {
                problem = e.Message;
                return false;
            }
        }
    }

    private static T Export<T>(IntPtr library, string name) where T : Delegate =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : throw new EntryPointNotFoundException($"{name} is not in libcrypto");
}
