namespace Occi.Journal;

/// <summary>
/// A complete journal line that cannot be read. Only the last line may be torn by a crash (it is dropped);
/// a bad line before it was written whole, so dropping it would lose an acknowledged write: stop instead,
/// naming the file and the line's byte offset so an operator can look at it.
/// </summary>
public sealed class JournalCorruptException(string path, long offset, string reason, Exception? inner = null)
    : IOException($"{path} at byte {offset}: a journal line this gateway cannot read ({reason})", inner)
{
    public string FilePath { get; } = path;
    public long Offset { get; } = offset;
}
