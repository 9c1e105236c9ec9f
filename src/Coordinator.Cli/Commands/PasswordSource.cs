using System.CommandLine;

namespace Coordinator.Cli.Commands;

/// <summary>
/// Where a PFX password comes from: a file or an environment variable named on the command line, or a prompt
/// that does not echo. Never the command line itself, which other users and shell histories can read.
/// </summary>
public sealed class PasswordSource
{
    public Option<FileInfo?> File { get; } = new("--password-file") { Description = "A file holding the PFX password (its first line)." };

    public Option<string?> Variable { get; } = new("--password-env") { Description = "An environment variable holding the PFX password." };

    public IEnumerable<Option> All => [File, Variable];

    /// <exception cref="CliFailure">No password could be read, or it is empty.</exception>
    public string Read(ParseResult parse, Terminal terminal, bool required, string purpose)
    {
        string? password;
        if (parse.GetValue(File) is { } file)
        {
            try
            {
                password = System.IO.File.ReadLines(file.FullName).FirstOrDefault();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliFailure(ExitCode.UsageOrConnection, $"the password file {file.FullName} cannot be read: {e.Message}");
            }
        }
        else if (parse.GetValue(Variable) is { } name)
        {
            password = terminal.Environment(name)
                ?? throw new CliFailure(ExitCode.UsageOrConnection, $"the environment variable {name} (from --password-env) is not set");
        }
        else if (terminal.In is not null && ReferenceEquals(terminal.In, Console.In))
        {
            password = ReadWithoutEcho(terminal, $"Password {purpose}: ");
        }
        else
        {
            return required
                ? throw new CliFailure(ExitCode.UsageOrConnection, $"a password is needed {purpose}: pass --password-file FILE or --password-env NAME")
                : "";
        }

        return string.IsNullOrEmpty(password) && required
            ? throw new CliFailure(ExitCode.UsageOrConnection, $"the password {purpose} is empty")
            : password ?? "";
    }

    private static string ReadWithoutEcho(Terminal terminal, string question)
    {
        terminal.Error.Write(question);
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        terminal.Error.WriteLine();
        return typed.ToString();
    }
}
