namespace Coordinator.HostAccess.Tests;

public sealed class ResultAndPathTests
{
    [Fact]
    public void The_tail_is_the_last_lines_of_standard_error()
    {
        var result = new CommandResult(1, "out\n", "one\r\n\ntwo\nthree\n  \n", TimeSpan.FromSeconds(1));

        Assert.Equal($"two{Environment.NewLine}three", result.Tail(2));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void The_tail_falls_back_to_standard_output_when_there_are_no_errors()
    {
        var result = new CommandResult(2, "a\nb\nc\n", " \n", TimeSpan.Zero);

        Assert.Equal($"b{Environment.NewLine}c", result.Tail(2));
        Assert.Equal("exit code 2 after 0.0s", result.ToString());
    }

    [Theory]
    [InlineData(@"C:\Windows\Temp\x.pfx", "/C:/Windows/Temp/x.pfx")]
    [InlineData("c:/Program Files/Octopus", "/C:/Program Files/Octopus")]
    [InlineData(@"C:\", "/C:")]
    [InlineData("/already/sftp", "/already/sftp")]
    public void Openssh_for_windows_shows_drives_as_root_folders(string windowsPath, string sftpPath) =>
        Assert.Equal(sftpPath, WindowsSftpPaths.OpenSshForWindows.ToSftpPath(windowsPath));

    [Fact]
    public void Drives_can_live_under_a_posix_directory()
    {
        var paths = WindowsSftpPaths.WithDriveRoots(new Dictionary<char, string> { ['c'] = "/windows/c/" });

        Assert.Equal("/windows/c/Windows/Temp/x.pfx", paths.ToSftpPath(@"C:\Windows\Temp\x.pfx"));
        Assert.Throws<ArgumentException>(() => paths.ToSftpPath(@"D:\data"));
        Assert.Throws<ArgumentException>(() => paths.ToSftpPath(@"Windows\Temp"));
    }
}
