using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Machines;

namespace Coordinator.Cli.Commands;

/// <summary><c>coord certs list|export|import</c>: the retained certificates that keep rebuilt hosts the same Octopus machines.</summary>
public static class CertsCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal)
    {
        var certs = new Command("certs", "The retained Tentacle certificates: list them, export one for an operator, import an existing machine's.");
        certs.Subcommands.Add(List(options, terminal));
        certs.Subcommands.Add(Export(options, terminal));
        certs.Subcommands.Add(Import(options, terminal));
        return certs;
    }

    private static Command List(GlobalOptions options, Terminal terminal) => AdminCommand.Create(
        "list",
        "Every known machine and the thumbprint of its retained certificate.",
        options,
        terminal,
        async (invocation, cancellationToken) =>
        {
            await using var client = await invocation.ConnectAsync(cancellationToken);
            var status = await client.AskAsync<AdminMessages.FleetStatus>(AdminMessages.GetFleetStatus.Instance, cancellationToken);
            invocation.Output.Show(new CertificateListView(status.Machines));
            return ExitCode.Ok;
        });

    private static Command Export(GlobalOptions options, Terminal terminal)
    {
        var host = new Option<string>("--host") { Description = "The machine whose certificate to export.", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the PFX (created with mode 0600; never overwritten).", Required = true };
        var password = new PasswordSource();
        var command = AdminCommand.Create(
            "export",
            "Write a machine's certificate and private key as a password-protected PFX, for an operator.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                var target = invocation.Value(output);
                if (target.Exists)
                {
                    throw new CliFailure(ExitCode.UsageOrConnection, $"{target.FullName} already exists; choose another --out");
                }

                var secret = password.Read(invocation.ParseResult, terminal, required: true, "to protect the exported PFX");
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var exported = await client.AskAsync<CertificateMessages.Exported>(new CertificateMessages.Export(invocation.Value(host), secret), cancellationToken);
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using (var file = new FileStream(target.FullName, create))
                {
                    await file.WriteAsync(exported.Pfx, cancellationToken);
                }

                invocation.Output.Show(new CertificateResultView(exported.Host, exported.Thumbprint, $"exported to {target.FullName} (mode 0600)"));
                return ExitCode.Ok;
            });
        command.Options.Add(host);
        command.Options.Add(output);
        foreach (var option in password.All)
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static Command Import(GlobalOptions options, Terminal terminal)
    {
        var host = new Option<string>("--host") { Description = "The machine that should keep this certificate.", Required = true };
        var pfx = new Option<FileInfo>("--pfx") { Description = "The PFX of the existing machine (certificate and private key).", Required = true };
        var environment = new Option<string>("--environment", "-e") { Description = "The machine's environment, when the coordinator does not know it yet.", DefaultValueFactory = _ => "" };
        var replace = new Option<bool>("--replace") { Description = "Replace the certificate the machine already has (its Octopus identity changes)." };
        var password = new PasswordSource();
        var command = AdminCommand.Create(
            "import",
            "Adopt an existing machine's certificate as a host's retained identity, so Octopus keeps recognising it.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                var file = invocation.Value(pfx);
                byte[] content;
                try
                {
                    content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliFailure(ExitCode.UsageOrConnection, $"the PFX {file.FullName} cannot be read: {e.Message}");
                }

                var secret = password.Read(invocation.ParseResult, terminal, required: false, $"of {file.Name}");
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var adopted = await client.AskAsync<CertificateMessages.Adopted>(
                    new CertificateMessages.Adopt(invocation.Value(host), invocation.Value(environment), content, secret.Length == 0 ? null : secret,
                        invocation.ParseResult.GetValue(replace)),
                    cancellationToken);
                invocation.Output.Show(new CertificateResultView(adopted.Host, adopted.Thumbprint,
                    adopted.Replaced ? "replaced the machine's certificate" : "is the machine's retained certificate"));
                return ExitCode.Ok;
            });
        foreach (var option in new Option[] { host, pfx, environment, replace })
        {
            command.Options.Add(option);
        }

        foreach (var option in password.All)
        {
            command.Options.Add(option);
        }

        return command;
    }
}
