using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// Brings an appliance's image into the staging folder and verifies it before anything is registered. LOCAL: the
/// file at <c>image.location</c> is copied during the call (the core deletes it as soon as the call returns);
/// REMOTE: the URL is fetched with the core's username and password within Occi:Cloudkeeper:RemoteTimeoutSeconds.
/// Either way the bytes are hashed as they are written, and the size and SHA-512 must be the image's
/// <c>size</c> and <c>checksum</c>. A failure leaves no staged file behind.
/// </summary>
internal sealed class ImageStaging(string folder, HttpClient http, TimeSpan remoteTimeout, TimeProvider clock)
{
    public async Task<string> StageAsync(Image image, string term, CancellationToken ct)
    {
        if (!IsSha512Hex(image.Checksum))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"image checksum must be a SHA-512 (128 hex digits), got '{Shorten(image.Checksum)}'"));
        if (image.Size <= 0) throw new RpcException(new Status(StatusCode.InvalidArgument, $"image size must be positive, got {image.Size}"));
        Directory.CreateDirectory(folder);
        var staged = Path.Combine(folder, $"{term}.{Guid.NewGuid():N}.staged");
        try
        {
            var (size, sha512) = image.Mode == Image.Types.Mode.Local
                ? await CopyLocalAsync(image.Location, staged, ct)
                : await FetchRemoteAsync(image, staged, ct);
            if (size != image.Size)
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"image size is {size} bytes, the appliance says {image.Size}"));
            if (!string.Equals(sha512, image.Checksum, StringComparison.OrdinalIgnoreCase))
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"image checksum mismatch: SHA-512 of the image is {sha512}, the appliance says {image.Checksum}"));
            return staged;
        }
        catch
        {
            File.Delete(staged);
            throw;
        }
    }

    private static async Task<(long, string)> CopyLocalAsync(string location, string staged, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(location) || !Path.IsPathFullyQualified(location))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"a LOCAL image needs an absolute file path in location, got '{Shorten(location)}'"));
        FileStream source;
        try
        {
            source = new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"the LOCAL image {location} cannot be read: {e.Message}"));
        }
        await using (source) return await CopyHashedAsync(source, staged, ct);
    }

    private async Task<(long, string)> FetchRemoteAsync(Image image, string staged, CancellationToken ct)
    {
        if (!Uri.TryCreate(image.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"a REMOTE image needs an http(s) URL in uri, got '{Shorten(image.Uri)}'"));
        using var timeout = new CancellationTokenSource(remoteTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (image.Username.Length > 0 || image.Password.Length > 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{image.Username}:{image.Password}")));
        var where = uri.GetLeftPart(UriPartial.Path); // never the credentials, in a message or a log
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"fetching the REMOTE image {where} answered {(int)response.StatusCode} {response.ReasonPhrase}"));
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            return await CopyHashedAsync(body, staged, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"fetching the REMOTE image {where} took longer than {remoteTimeout.TotalSeconds:0} s"));
        }
        catch (HttpRequestException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"the REMOTE image {where} cannot be fetched: {e.Message}"));
        }
    }

    private static async Task<(long, string)> CopyHashedAsync(Stream source, string staged, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        await using var target = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            size += read;
        }
        await target.FlushAsync(ct);
        target.Flush(flushToDisk: true);
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static bool IsSha512Hex(string s) => s.Length == 128 && s.All(char.IsAsciiHexDigit);

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
