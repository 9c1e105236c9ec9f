using System.Text;
using Tentacle.Double.Certificates;
using Tentacle.Double.CommandLine;

namespace Tentacle.Double.Commands;

/// <summary>
/// <c>new-certificate</c>: always replaces the certificate unless <c>--if-blank</c>; the export variants generate
/// a certificate and write it out without installing it.
/// </summary>
internal sealed class NewCertificateCommand : InstanceCommand
{
    static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    bool ifBlank;
    string? exportFile;
    string? exportPfx;
    string? pfxPassword;

    public NewCertificateCommand()
    {
        Options.Flag("b|if-blank", () => ifBlank = true);
        Options.Value("e|export-file", v => exportFile = v);
        Options.Value("export-pfx", v => exportPfx = v);
        Options.Value("pfx-password", v => pfxPassword = v);
    }

    public override async Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var instance = LoadInstance(context);
        var exportingFile = !string.IsNullOrWhiteSpace(exportFile);
        var exportingPfx = !string.IsNullOrWhiteSpace(exportPfx);
        if (ifBlank && (exportingFile || exportingPfx))
            throw new ControlledFailureException("--if-blank cannot be combined with --export-file or --export-pfx.");
        if (exportingFile && exportingPfx)
            throw new ControlledFailureException("--export-file and --export-pfx cannot be combined.");

        if (exportingFile)
        {
            using var certificate = TentacleCertificateFactory.Create();
            var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(Pkcs12.ExportUnprotected(certificate)));
            await File.WriteAllBytesAsync(context.Paths.ToLocal(exportFile!), [.. Utf8Bom, .. base64], cancellation);
            ReportExport(context, exportFile!, certificate.Thumbprint);
            return;
        }

        if (exportingPfx)
        {
            using var certificate = TentacleCertificateFactory.Create();
            await File.WriteAllBytesAsync(context.Paths.ToLocal(exportPfx!), Pkcs12.ExportProtected(certificate, pfxPassword), cancellation);
            ReportExport(context, exportPfx!, certificate.Thumbprint);
            return;
        }

        if (ifBlank && instance.Settings.ReadCertificate().Certificate is not null)
        {
            context.Info("A certificate already exists, no changes will be applied.");
            return;
        }

        using var installed = TentacleCertificateFactory.Create();
        instance.Settings.InstallCertificate(installed);
        instance.Settings.Save();
        context.VoteForRestart();
        context.Info("A new certificate has been generated and installed. Thumbprint:");
        context.Info(installed.Thumbprint);
    }

    static void ReportExport(CommandContext context, string file, string thumbprint)
    {
        context.Info($"A new certificate has been generated and written to {file}. Thumbprint:");
        context.Info(thumbprint);
    }
}
