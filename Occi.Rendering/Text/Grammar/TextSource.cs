using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Sprache;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// Reads the rendering structures of a message into a <see cref="TextMessage"/>: from a text/plain body
/// (UTF-8, one structure per line, LF or CRLF, blank lines ignored, indented lines folded into the previous
/// structure as RFC 2616 header continuations) or from text/occi header values. Every failure is an
/// <see cref="OcciParseException"/> naming the header or line and the column.
/// </summary>
internal static class TextSource
{
    public static void ReadBody(ReadOnlySpan<byte> body, TextMessage message)
    {
        var text = Decode(body);
        var start = 0;
        var lineNumber = 0;
        // The logical line being gathered: a window of the text, copied only when a continuation folds in.
        var logicalStart = -1;
        var logicalEnd = 0;
        var logicalLine = 0;
        StringBuilder? folded = null;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            lineNumber++;
            var lineStart = start;
            var lineEnd = end;
            while (lineEnd > lineStart && text[lineEnd - 1] == '\r') lineEnd--;
            start = end + 1;

            if (text.AsSpan(lineStart, lineEnd - lineStart).IsWhiteSpace()) continue;
            var continues = logicalStart >= 0 && text[lineStart] is ' ' or '\t'
                && !FieldGrammar.StructureStart(TextInput.Window(text, lineStart, lineEnd)).WasSuccessful;
            if (continues)
            {
                folded ??= new StringBuilder().Append(text, logicalStart, logicalEnd - logicalStart);
                folded.Append('\n').Append(text, lineStart, lineEnd - lineStart);
                continue;
            }
            if (logicalStart >= 0) ReadLine(folded is null ? TextInput.Window(text, logicalStart, logicalEnd) : new TextInput(folded.ToString()), logicalLine, message);
            folded = null;
            logicalStart = lineStart;
            logicalEnd = lineEnd;
            logicalLine = lineNumber;
        }
        if (logicalStart >= 0) ReadLine(folded is null ? TextInput.Window(text, logicalStart, logicalEnd) : new TextInput(folded.ToString()), logicalLine, message);
    }

    public static void ReadHeaders(IReadOnlyList<KeyValuePair<string, string>>? headers, TextMessage message)
    {
        if (headers is null) return;
        foreach (var (name, value) in headers)
        {
            if (name is null || FieldGrammar.HeaderValueOf(name) is not { } grammar) continue;
            var result = grammar(new TextInput(value ?? ""));
            if (!result.WasSuccessful) throw Error(result, name, 0);
            result.Value(message);
        }
    }

    private static void ReadLine(TextInput line, int lineNumber, TextMessage message)
    {
        var result = FieldGrammar.BodyLine(line);
        if (!result.WasSuccessful) throw Error(result, null, lineNumber);
        foreach (var apply in result.Value) apply(message);
    }

    private static OcciParseException Error<T>(IResult<T> result, string? header, int firstLine)
    {
        var at = result.Remainder;
        var where = header ?? $"line {firstLine + at.Line - 1}";
        var found = at.AtEnd ? "end of input" : Describe(at.Current);
        var expected = result.Expectations.Any() ? "; expected " + string.Join(" or ", result.Expectations.Distinct()) : "";
        var message = result.Message.StartsWith("unexpected", StringComparison.Ordinal) || result.Message.Contains("end of input", StringComparison.Ordinal)
            ? $"unexpected {found}{expected}"
            : result.Message;
        return new OcciParseException(message, where, at.Column);
    }

    private static string Describe(char c) => c < ' ' || c == '\u007f' || char.IsSurrogate(c) ? $"character U+{(int)c:X4}" : $"'{c}'";

    /// <summary>Strict UTF-8 (GFD.185 bodies are text); invalid bytes are a parse error, never replaced.</summary>
    private static string Decode(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(body.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(body, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != System.Buffers.OperationStatus.Done)
            {
                var before = body[..read];
                var line = before.Count((byte)'\n') + 1;
                var column = read - (before.LastIndexOf((byte)'\n') + 1) + 1;
                throw new OcciParseException($"invalid UTF-8 at byte {read}", $"line {line}", column);
            }
            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
