using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace PowerShellDouble;

/// <summary>
/// The host the engine talks to: no console, no prompts; it remembers the code passed to <c>exit</c>.
/// </summary>
internal sealed class LabHost(LabHostUserInterface ui) : PSHost
{
    public int? RequestedExitCode { get; private set; }

    // Scripts sometimes branch on $Host.Name; powershell.exe's host is called this.
    public override string Name => "ConsoleHost";
    public override Version Version { get; } = typeof(PSHost).Assembly.GetName().Version ?? new Version(7, 6);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => ui;

    // Out-String and Out-File find the display here to capture formatted text.
    public override PSObject PrivateData { get; } = new(ui);
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override void SetShouldExit(int exitCode) => RequestedExitCode = exitCode;

    public override void EnterNestedPrompt() => throw LabHostUserInterface.NonInteractive();
    public override void ExitNestedPrompt() => throw LabHostUserInterface.NonInteractive();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
