using System.Security.Cryptography;

namespace Coordinator.HostAccess.Tests;

/// <summary>SFTP uploads and deletes on a Linux lab host.</summary>
public sealed class FileTransferTests(OneLinuxHost lab) : IClassFixture<OneLinuxHost>
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_upload_creates_the_file_with_the_requested_mode_and_leaves_nothing_else_behind()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var directory = await MakeDirectoryAsync(session);
        var path = $"{directory}/secret.pfx";

        await session.UploadAsync("not really a certificate"u8.ToArray(), path, Private, default);

        Assert.Equal("not really a certificate", await File.ReadAllTextAsync(lab.Host.PathOnDisk(path)));
        Assert.Equal(Private, File.GetUnixFileMode(lab.Host.PathOnDisk(path)));
        Assert.Equal(["secret.pfx"], Directory.GetFileSystemEntries(lab.Host.PathOnDisk(directory)).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_upload_replaces_an_existing_file_and_its_mode()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var path = $"{await MakeDirectoryAsync(session)}/config";
        await session.UploadAsync("old"u8.ToArray(), path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, default);

        await session.UploadAsync("new"u8.ToArray(), path, Private, default);

        Assert.Equal("new", await File.ReadAllTextAsync(lab.Host.PathOnDisk(path)));
        Assert.Equal(Private, File.GetUnixFileMode(lab.Host.PathOnDisk(path)));
    }

    [Fact]
    public async Task A_large_stream_arrives_intact()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var path = $"{await MakeDirectoryAsync(session)}/installer.bin";
        var content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

        await session.UploadAsync(new MemoryStream(content), path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, default);

        var hash = await session.RunAsync(HostCommand.Bash("hash it", $"sha256sum {path} | cut -d' ' -f1", Generous), default);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hash.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_private_temp_path_is_in_a_0700_directory_that_deleting_the_file_removes()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);

        var path = await session.CreatePrivateTempPathAsync("tentacle.pfx", default);
        var other = await session.CreatePrivateTempPathAsync("tentacle.pfx", default);

        Assert.NotEqual(path, other);
        Assert.Matches("^/tmp/coordinator\\.[A-Za-z0-9]{10}/tentacle\\.pfx$", path);
        var directory = lab.Host.PathOnDisk(Path.GetDirectoryName(path)!);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        await session.UploadAsync("pfx"u8.ToArray(), path, Private, default);
        Assert.True(File.Exists(lab.Host.PathOnDisk(path)));

        await session.DeleteAsync(path, default);

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task Deleting_is_idempotent()
    {
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var path = $"{await MakeDirectoryAsync(session)}/file";
        await session.UploadAsync("x"u8.ToArray(), path, Private, default);

        await session.DeleteAsync(path, default);
        await session.DeleteAsync(path, default);

        Assert.False(File.Exists(lab.Host.PathOnDisk(path)));
    }

    [Fact]
    public async Task An_upload_into_a_missing_directory_names_the_path_and_the_host()
    {
        await using var sessions = LabEndpoints.Sessions();

        var error = await Assert.ThrowsAsync<RemoteFileException>(
            () => Session(sessions).UploadAsync("x"u8.ToArray(), "/tmp/no/such/dir/file", Private, default));

        Assert.Contains("/tmp/no/such/dir/file", error.Message);
        Assert.Contains(lab.Host.Name, error.Message);
    }

    [Fact]
    public async Task A_relative_path_is_refused()
    {
        await using var sessions = LabEndpoints.Sessions();

        await Assert.ThrowsAsync<ArgumentException>(() => Session(sessions).UploadAsync("x"u8.ToArray(), "tmp/file", Private, default));
    }

    [Fact]
    public async Task An_upload_after_the_connection_dropped_reconnects()
    {
        lab.Host.DropConnections();
        await using var sessions = LabEndpoints.Sessions();
        var session = Session(sessions);
        var directory = await MakeDirectoryAsync(session);
        await session.UploadAsync("first"u8.ToArray(), $"{directory}/first", Private, default);

        // The shell connection's sshd, the SFTP connection's, and the latter's internal-sftp session.
        Assert.Equal(3, lab.Host.DropConnections());
        await session.UploadAsync("second"u8.ToArray(), $"{directory}/second", Private, default);

        Assert.Equal("second", await File.ReadAllTextAsync(lab.Host.PathOnDisk($"{directory}/second")));
    }

    private static async Task<string> MakeDirectoryAsync(IHostSession session)
    {
        var directory = $"/tmp/upload-test-{Guid.NewGuid():N}";
        var made = await session.RunAsync(HostCommand.Bash("make a directory", $"mkdir {directory}", Generous), default);
        Assert.Equal(0, made.ExitCode);
        return directory;
    }

    private IHostSession Session(SshHostSessions sessions) => sessions.For(LabEndpoints.For(lab.Host));
}
