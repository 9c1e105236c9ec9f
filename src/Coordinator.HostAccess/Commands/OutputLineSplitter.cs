using System.Text;

namespace Coordinator.HostAccess;

/// <summary>
/// Turns one output stream's bytes, in chunks cut anywhere (even inside a multi-byte character), into its lines:
/// split on <c>\n</c>, a trailing <c>\r</c> dropped. Not thread-safe: one reader feeds it.
/// </summary>
internal sealed class OutputLineSplitter(Encoding encoding)
{
    private const char ByteOrderMark = '\uFEFF';

    // Stateful, so a character whose bytes straddle two chunks is decoded once both have arrived.
    private readonly Decoder _decoder = encoding.GetDecoder();
    private readonly StringBuilder _partialLine = new();
    private char[] _chars = [];
    private bool _atStart = true;

    /// <summary>The lines <paramref name="chunk"/> completes, in order; what follows the last line break waits for more.</summary>
    public IReadOnlyList<string> Add(ReadOnlySpan<byte> chunk) => Decode(chunk, flush: false);

    /// <summary>
    /// The stream has ended: its last line, if it did not end with a line break (bytes of an unfinished
    /// character become U+FFFD, as in the command's full output).
    /// </summary>
    public IReadOnlyList<string> Finish()
    {
        var lines = Decode([], flush: true);
        if (_partialLine.Length == 0)
        {
            return lines;
        }

        return [.. lines, TakeLine()];
    }

    private List<string> Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        var maxChars = encoding.GetMaxCharCount(bytes.Length);
        if (_chars.Length < maxChars)
        {
            _chars = new char[Math.Max(maxChars, _chars.Length * 2)];
        }

        var count = _decoder.GetChars(bytes, _chars, flush);
        var decoded = _chars.AsSpan(0, count);

        // The full output drops a leading byte order mark (StreamReader does), so the first line does too.
        if (_atStart && decoded.Length > 0)
        {
            _atStart = false;
            if (decoded[0] == ByteOrderMark)
            {
                decoded = decoded[1..];
            }
        }

        var lines = new List<string>();
        int lineBreak;
        while ((lineBreak = decoded.IndexOf('\n')) >= 0)
        {
            _partialLine.Append(decoded[..lineBreak]);
            lines.Add(TakeLine());
            decoded = decoded[(lineBreak + 1)..];
        }

        _partialLine.Append(decoded);
        return lines;
    }

    private string TakeLine()
    {
        var length = _partialLine.Length;
        if (length > 0 && _partialLine[length - 1] == '\r')
        {
            length--;
        }

        var line = _partialLine.ToString(0, length);
        _partialLine.Clear();
        return line;
    }
}
