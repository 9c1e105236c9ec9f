using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tentacle.Double.Certificates;
using Tentacle.Double.CommandLine;

namespace Tentacle.Double.Commands;

/// <summary>
/// <c>import-certificate</c> from exactly one source: a PFX file (or a file of base64 text), passwordless base64
/// on the command line, or the Windows registry (which the lab never has).
/// </summary>
internal sealed class ImportCertificateCommand : InstanceCommand
{
    bool fromRegistry;
    string? fromFile;
    string? fromBase64;
    string? pfxPassword;

    public ImportCertificateCommand()
    {
        Options.Flag("r|from-registry", () => fromRegistry = true);
        Options.Value("f|from-file", v => fromFile = v);
        Options.Value("b|from-base64", v => fromBase64 = v);
        Options.Value("pw|pfx-password", v => pfxPassword = v);
    }

    public override async Task ExecuteAsync(CommandContext context, CancellationToken cancellation)
    {
        var instance = LoadInstance(context);
        var sources = new[] { fromRegistry, !string.IsNullOrWhiteSpace(fromFile), !string.IsNullOrWhiteSpace(fromBase64) }.Count(s => s);
        if (sources == 0)
            throw new ControlledFailureException("Please specify the certificate to import.");
        if (sources > 1)
            throw new ControlledFailureException("Please specify only one of --from-registry, --from-file or --from-base64.");
        if (fromRegistry)
            throw new ControlledFailureException("No Octopus 1.x Tentacle certificate was found in the registry of this machine.");

        using var certificate = fromFile is { Length: > 0 }
            ? await ReadFileAsync(context, fromFile, cancellation)
            : ReadBase64(context, fromBase64!);
        instance.Settings.InstallCertificate(certificate);
        instance.Settings.Save();
        context.VoteForRestart();
        context.Info($"Certificate with thumbprint {certificate.Thumbprint} imported successfully.");
    }

    async Task<X509Certificate2> ReadFileAsync(CommandContext context, string file, CancellationToken cancellation)
    {
        var localFile = context.Paths.ToLocal(file);
        if (!File.Exists(localFile))
            throw new ControlledFailureException($"Certificate '{file}' was not found.");

        // Like Tentacle: anything not named .pfx is first tried as the base64 text new-certificate --export-file writes.
        if (!string.Equals(Path.GetExtension(localFile), ".pfx", StringComparison.OrdinalIgnoreCase))
        {
            context.Info($"Importing the certificate stored in {file}...");
            var text = await File.ReadAllTextAsync(localFile, Encoding.UTF8, cancellation);
            if (TryDecodeBase64(text) is { } decoded)
                return Pkcs12.LoadWithPrivateKey(decoded, null, $"'{file}'");
        }

        context.Info(string.IsNullOrEmpty(pfxPassword)
            ? $"Importing the certificate stored in PFX file in {file}..."
            : $"Importing the certificate stored in PFX file in {file} using the provided password...");
        return Pkcs12.LoadWithPrivateKey(await File.ReadAllBytesAsync(localFile, cancellation), pfxPassword, $"'{file}'");
    }

    static X509Certificate2 ReadBase64(CommandContext context, string base64)
    {
        context.Info("Importing the certificate via base64...");
        var decoded = TryDecodeBase64(base64)
            ?? throw new CryptographicException("The value of --from-base64 is not base64 text.");
        return Pkcs12.LoadWithPrivateKey(decoded, null, "the base64 text");
    }

    static byte[]? TryDecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
