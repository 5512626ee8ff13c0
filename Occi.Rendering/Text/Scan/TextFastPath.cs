using System.Buffers;
using System.Text.Unicode;
using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text.Scan;

/// <summary>
/// The fast path of the text renderings: a single pass over well-formed GFD.185 structures, in place
/// (header values as they are, the body decoded into a pooled buffer, never into a string), that fills a
/// <see cref="TextMessage"/> exactly as <see cref="TextSource"/> would, or declines. Declining is the answer
/// for anything it is not sure of, every error included: the caller then reads the input again with the
/// grammar, which gives the same message or the positioned <see cref="OcciParseException"/>.
/// It never throws.
/// </summary>
internal static class TextFastPath
{
    /// <summary>
    /// text/occi (<paramref name="readsHeaders"/>): the headers, then the body unless it is empty or "OK";
    /// text/plain: the body. False when it declines; <paramref name="message"/> is then to be dropped.
    /// </summary>
    public static bool TryRead(ParseInput input, ModelVocabulary vocabulary, bool readsHeaders, TextMessage message)
    {
        if (readsHeaders)
        {
            if (!TryReadHeaders(input.Headers, vocabulary, message)) return false;
            var trimmed = input.Body.Span.Trim(" \t\r\n"u8);
            if (trimmed.IsEmpty || trimmed.SequenceEqual("OK"u8)) return true;
        }
        return TryReadBody(input.Body.Span, vocabulary, message);
    }

    public static bool TryReadHeaders(IReadOnlyList<KeyValuePair<string, string>>? headers, ModelVocabulary vocabulary, TextMessage message)
    {
        if (headers is null) return true;
        for (var i = 0; i < headers.Count; i++)
        {
            var (name, value) = headers[i];
            if (name is null) continue;
            var structure = FieldScan.StructureOf(name);
            if (structure == FieldScan.Structure.None) continue;
            if (!FieldScan.TryReadHeader(value, structure, vocabulary, message)) return false;
        }
        return true;
    }

    /// <summary>
    /// GFD.185 §3.6.1 text/plain: UTF-8 (a BOM skipped), one structure per line, LF or CRLF, blank lines
    /// ignored. Declines invalid UTF-8 and any indented line (a folded continuation, or a structure after white space).
    /// </summary>
    public static bool TryReadBody(ReadOnlySpan<byte> body, ModelVocabulary vocabulary, TextMessage message)
    {
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        if (body.IsEmpty) return true;
        var buffer = ArrayPool<char>.Shared.Rent(body.Length);
        try
        {
            if (Utf8.ToUtf16(body, buffer, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done) return false;
            return TryReadLines(buffer.AsSpan(0, written), vocabulary, message);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static bool TryReadLines(ReadOnlySpan<char> text, ModelVocabulary vocabulary, TextMessage message)
    {
        while (true)
        {
            var end = text.IndexOf('\n');
            var line = (end < 0 ? text : text[..end]).TrimEnd('\r');
            if (!line.IsWhiteSpace())
            {
                if (!TextScanner.IsNameChar(line[0]) || !FieldScan.TryReadLine(line, vocabulary, message)) return false;
            }
            if (end < 0) return true;
            text = text[(end + 1)..];
        }
    }
}
