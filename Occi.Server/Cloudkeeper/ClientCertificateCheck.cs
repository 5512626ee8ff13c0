using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Occi.Server.Auth.X509;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// Who may call the gRPC port: a client certificate (the core's host certificate) that chains to
/// Occi:Cloudkeeper:ClientCaPath and whose subject is in Occi:Cloudkeeper:AllowedClientDns. TLS asks for the
/// certificate and lets any through, so a refusal is a gRPC status the core reports rather than a broken
/// handshake: none or one that does not chain → Unauthenticated, a subject not listed → PermissionDenied.
/// </summary>
internal sealed class ClientCertificateCheck(X509Certificate2Collection trusted, IReadOnlySet<string> allowed, ILogger<ClientCertificateCheck> log)
    : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        await continuation(request, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        if (certificate is null) throw Refuse(context, StatusCode.Unauthenticated, "a client certificate is required");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = DateTime.Now;
        if (!chain.Build(certificate))
            throw Refuse(context, StatusCode.Unauthenticated, "the client certificate does not chain to a CA of Occi:Cloudkeeper:ClientCaPath: "
                + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())));
        var dn = DistinguishedName.Slash(certificate.SubjectName);
        if (!allowed.Contains(dn)) throw Refuse(context, StatusCode.PermissionDenied, $"{dn} is not in Occi:Cloudkeeper:AllowedClientDns");
    }

    private RpcException Refuse(ServerCallContext context, StatusCode code, string why)
    {
        log.LogWarning("Cloudkeeper: {Method} from {Peer} refused: {Why}", context.Method, context.Peer, why);
        return new RpcException(new Status(code, why));
    }
}
