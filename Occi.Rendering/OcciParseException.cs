using Occi.Core;

namespace Occi.Rendering;

/// <summary>
/// The only exception a parser throws: malformed input, with where it went wrong
/// (the header or line, and the column) so the 400 body can say so.
/// </summary>
public sealed class OcciParseException : OcciException
{
    public OcciParseException(string message, string? where = null, int? column = null, Exception? inner = null)
        : base(OcciErrorKind.BadRequest, Compose(message, where, column), inner)
    {
        Where = where;
        Column = column;
    }

    /// <summary>The header name or "line N" of the body; null when unknown.</summary>
    public string? Where { get; }

    /// <summary>1-based column within that header value or line; null when unknown.</summary>
    public int? Column { get; }

    private static string Compose(string message, string? where, int? column) =>
        where is null ? message : column is null ? $"{where}: {message}" : $"{where}, column {column}: {message}";
}
