using Sprache;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// The grammar's <see cref="IInput"/>: a position in a window of a string. Unlike Sprache's own input it
/// keeps no memo table per character (none of these grammars memoizes) and works out line and column only
/// when asked (error messages), so advancing costs one small object and <see cref="At"/> jumps over a run
/// of characters in one step.
/// </summary>
internal sealed class TextInput : IInput
{
    private readonly int _start;
    private IDictionary<object, object>? _memos;

    public TextInput(string source) : this(source, 0, 0, source.Length) { }

    private TextInput(string source, int start, int position, int end)
    {
        Source = source;
        _start = start;
        Position = position;
        End = end;
    }

    /// <summary>The characters from <paramref name="start"/> to <paramref name="end"/> of <paramref name="source"/>
    /// as an input of their own: lines and columns count from <paramref name="start"/>.</summary>
    public static TextInput Window(string source, int start, int end) => new(source, start, start, end);

    public string Source { get; }

    public int Position { get; }

    /// <summary>Where this input's window ends (exclusive).</summary>
    public int End { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position == End;

    public IInput Advance() =>
        AtEnd ? throw new InvalidOperationException("The input is already at the end of the source.") : At(Position + 1);

    /// <summary>The same window at <paramref name="position"/> (a run of characters consumed at once).</summary>
    public TextInput At(int position) => new(Source, _start, position, End);

    public int Line => Source.AsSpan(_start, Position - _start).Count('\n') + 1;

    public int Column => Position - (Source.AsSpan(_start, Position - _start).LastIndexOf('\n') + 1 + _start) + 1;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source, Position);

    public override string ToString() => $"Line {Line}, Column {Column}";
}
