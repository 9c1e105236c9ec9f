using System.Runtime.CompilerServices;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Coordinator.Lab.Tests.Fidelity;

/// <summary>How a remote command ended: its exit status (null if it died of a signal) and its output.</summary>
internal sealed record RemoteResult(int? ExitStatus, string Output, string Error)
{
    public override string ToString() => $"exit {ExitStatus?.ToString() ?? "none"}; stdout: {Output}; stderr: {Error}";
}

/// <summary>
/// An SSH.NET connection to one lab host, made the way the coordinator makes it: root, the lab's client
/// key, and the host key pinned to the fingerprint the lab recorded (anything else is refused).
/// </summary>
internal sealed class LabConnection : IDisposable
{
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly RootLogin _login;
    private readonly SshClient _ssh;

    private LabConnection(RootLogin login, SshClient ssh, string presentedHostKey)
    {
        _login = login;
        _ssh = ssh;
        PresentedHostKey = presentedHostKey;
    }

    /// <summary>The fingerprint of the host key the server presented (<c>SHA256:...</c>).</summary>
    public string PresentedHostKey { get; }

    /// <summary>Connects, trusting only <paramref name="pinnedHostKey"/> (default: the host's current key).</summary>
    public static async Task<LabConnection> OpenAsync(LabHost host, string? pinnedHostKey = null)
    {
        var login = new RootLogin(host);
        var ssh = new SshClient(login.ConnectionInfo);
        var presented = Pin(ssh, pinnedHostKey ?? host.HostKeyFingerprint);
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            await ssh.ConnectAsync(timeout.Token);
            return new LabConnection(login, ssh, presented.Value!);
        }
        catch
        {
            ssh.Dispose();
            login.Dispose();
            throw;
        }
    }

    /// <summary>Copies a local file to <paramref name="remotePath"/> over SFTP, on a connection of its own.</summary>
    public static async Task UploadAsync(LabHost host, string localPath, string remotePath)
    {
        using var login = new RootLogin(host);
        using var sftp = new SftpClient(login.ConnectionInfo);
        Pin(sftp, host.HostKeyFingerprint);
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await sftp.ConnectAsync(timeout.Token);
        await using var file = File.OpenRead(localPath);
        await sftp.UploadFileAsync(file, remotePath, timeout.Token);
    }

    /// <summary>Runs <paramref name="command"/> to the end, with <paramref name="standardInput"/> (or nothing) on its stdin.</summary>
    public async Task<RemoteResult> RunAsync(string command, string standardInput = "")
    {
        await using var process = Start(command);
        if (standardInput.Length > 0)
        {
            await process.WriteAsync(standardInput);
        }

        return await process.EndAsync();
    }

    /// <summary>Starts <paramref name="command"/> and leaves it running: read its output as it comes, write to its stdin.</summary>
    public RemoteProcess Start(string command) => new(_ssh.CreateCommand(command), CommandTimeout);

    public void Dispose()
    {
        _ssh.Dispose();
        _login.Dispose();
    }

    /// <summary>Accepts the server only if its host key has the pinned fingerprint; records what it presented.</summary>
    private static StrongBox<string?> Pin(BaseClient client, string pinnedFingerprint)
    {
        var presented = new StrongBox<string?>();
        client.HostKeyReceived += (_, key) =>
        {
            presented.Value = "SHA256:" + key.FingerPrintSHA256;
            key.CanTrust = presented.Value == pinnedFingerprint;
        };
        return presented;
    }
}

/// <summary>root's login to a lab host with the lab's client key; it owns the loaded key.</summary>
internal sealed class RootLogin : IDisposable
{
    private readonly PrivateKeyFile _key;
    private readonly PrivateKeyAuthenticationMethod _authentication;

    public RootLogin(LabHost host)
    {
        _key = new PrivateKeyFile(host.ClientKeyPath);
        _authentication = new PrivateKeyAuthenticationMethod("root", _key);
        ConnectionInfo = new ConnectionInfo(host.Address.ToString(), host.Port, "root", _authentication) { Timeout = LabConnection.ConnectTimeout };
    }

    public ConnectionInfo ConnectionInfo { get; }

    public void Dispose()
    {
        _authentication.Dispose();
        _key.Dispose();
    }
}

/// <summary>
/// A command running on a host over SSH: its stdout can be read line by line while it runs (a signal
/// from the remote script), its stdin written to; <see cref="EndAsync"/> closes stdin and waits for it.
/// </summary>
internal sealed class RemoteProcess : IAsyncDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);

    private readonly SshCommand _command;
    private readonly CancellationTokenSource _timeout;
    private readonly Task _execution;
    private readonly Stream _input;
    private readonly StreamReader _output;
    private bool _inputClosed;

    public RemoteProcess(SshCommand command, TimeSpan timeout)
    {
        _command = command;
        _timeout = new CancellationTokenSource(timeout);
        _execution = command.ExecuteAsync(_timeout.Token);

        // The channel is open once execution has started; stdin must then be closed explicitly, or a
        // command that reads it waits forever.
        _input = InputStreamOf(command, _execution);
        _output = new StreamReader(command.OutputStream, Encoding.UTF8);
    }

    /// <summary>
    /// SSH.NET hands out the input stream only while the channel is open: a command that ends at once (readlink)
    /// may already have closed it, and then there is nothing to write to.
    /// </summary>
    private static Stream InputStreamOf(SshCommand command, Task execution)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return command.CreateInputStream();
            }
            catch (InvalidOperationException) when (execution.IsCompleted)
            {
                return Stream.Null;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                // The channel is between closing and the execution task completing; look again shortly.
                ((IAsyncResult)execution).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    /// <summary>The next line the command prints, waiting at most <see cref="LineTimeout"/>.</summary>
    public async Task<string?> ReadLineAsync() => await _output.ReadLineAsync().WaitAsync(LineTimeout);

    public async Task WriteAsync(string text)
    {
        await _input.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _input.FlushAsync();
    }

    /// <summary>Closes stdin, waits for the command to end and returns what it printed after the lines already read.</summary>
    public async Task<RemoteResult> EndAsync()
    {
        CloseInput();
        await _execution;
        var output = await _output.ReadToEndAsync();
        return new RemoteResult(_command.ExitStatus, output, _command.Error);
    }

    public async ValueTask DisposeAsync()
    {
        CloseInput();
        if (!_execution.IsCompleted)
        {
            await _timeout.CancelAsync();
            try
            {
                await _execution;
            }
            catch (Exception e) when (e is OperationCanceledException or SshException)
            {
                // Cut short by the test's end, as intended.
            }
        }

        _output.Dispose();
        _command.Dispose();
        _timeout.Dispose();
    }

    private void CloseInput()
    {
        if (!_inputClosed)
        {
            _inputClosed = true;
            _input.Dispose();
        }
    }
}
