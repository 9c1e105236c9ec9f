using Spectre.Console;

namespace Coordinator.Cli.Output;

/// <summary>What a certificate command did to one machine.</summary>
public sealed class CertificateResultView(string host, string? thumbprint, string outcome) : IView
{
    public void Render(IAnsiConsole console) =>
        console.WriteLine(thumbprint is null ? $"{host}: {outcome}" : $"{host}: {thumbprint} {outcome}");

    public object ToJson() => new { Host = host, Thumbprint = thumbprint, Outcome = outcome };
}
