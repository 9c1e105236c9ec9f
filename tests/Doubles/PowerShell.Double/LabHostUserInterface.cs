using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace PowerShellDouble;

/// <summary>
/// Sends what the engine displays to the process's streams the way powershell.exe does when its output is
/// redirected (as over SSH): output, warnings, verbose and debug lines and Write-Host to stdout, errors
/// to stderr, without colours. Out-String borrows it to capture formatted text instead.
/// </summary>
internal sealed class LabHostUserInterface(TextWriter output, TextWriter error) : PSHostUserInterface
{
    private readonly Lock _gate = new();
    private readonly Stack<StringWriter> _captures = new();

    public override PSHostRawUserInterface? RawUI => null;

    public static PSInvalidOperationException NonInteractive() =>
        new("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.");

    /// <summary>Everything displayed until the returned scope ends is collected instead of written.</summary>
    public CaptureScope Capture()
    {
        lock (_gate) _captures.Push(new StringWriter());
        return new CaptureScope(this);
    }

    public sealed class CaptureScope(LabHostUserInterface owner) : IDisposable
    {
        private string? _text;

        public string Text
        {
            get
            {
                lock (owner._gate) return _text ?? owner._captures.Peek().ToString();
            }
        }

        public void Dispose()
        {
            lock (owner._gate) _text ??= owner._captures.Pop().ToString();
        }
    }

    public override void Write(string value) => Emit(output, value, newLine: false);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Emit(output, value, newLine: false);
    public override void WriteLine(string value) => Emit(output, value, newLine: true);
    public override void WriteErrorLine(string value) => Emit(error, value, newLine: true);
    public override void WriteWarningLine(string message) => Emit(output, "WARNING: " + message, newLine: true);
    public override void WriteVerboseLine(string message) => Emit(output, "VERBOSE: " + message, newLine: true);
    public override void WriteDebugLine(string message) => Emit(output, "DEBUG: " + message, newLine: true);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    public override string ReadLine() => throw NonInteractive();
    public override SecureString ReadLineAsSecureString() => throw NonInteractive();
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NonInteractive();
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NonInteractive();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NonInteractive();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NonInteractive();

    private void Emit(TextWriter writer, string value, bool newLine)
    {
        var plain = GetOutputString(value, supportsVirtualTerminal: false);
        lock (_gate)
        {
            var target = _captures.Count > 0 ? _captures.Peek() : writer;
            if (newLine) target.WriteLine(plain);
            else target.Write(plain);
        }
    }
}
