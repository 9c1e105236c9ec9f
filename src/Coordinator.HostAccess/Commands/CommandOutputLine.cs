namespace Coordinator.HostAccess;

/// <summary>Which of a command's output streams a line came from.</summary>
public enum CommandOutputStream
{
    Standard,
    Error,
}

/// <summary>
/// One line a command printed, reported while it runs: the text without its line break (<c>\n</c> or <c>\r\n</c>).
/// The last line of a stream is reported when the stream ends, whether or not it ended with a line break.
/// </summary>
public sealed record CommandOutputLine(CommandOutputStream Stream, string Text);
