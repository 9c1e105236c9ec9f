namespace Coordinator.Iis.Tests;

public sealed class IisFailureClassifierTests
{
    const string SharingViolation =
        "ERROR ( hresult:80070020, message:Failed to commit configuration changes. The process cannot access the file because it is being used by another process. )";
    const string ChangedOnDisk =
        "ERROR ( hresult:80070020, message:Cannot commit configuration changes because the file has changed on disk )";
    const string Duplicate =
        "ERROR ( hresult:800700b7, message:Failed to add duplicate collection entry of type 'site' with unique key attribute 'name' set to 'Shop' )";

    static string Marker(string source, int exit, string command) => $"{IisFailureMarker.Prefix} source={source} exit={exit} command={command}\n";

    [Fact]
    public void Success_is_no_failure() => Assert.Null(IisFailureClassifier.Classify(0, "iis-result=changed\n", ""));

    [Theory]
    [InlineData(SharingViolation)]
    [InlineData(ChangedOnDisk)]
    [InlineData("ERROR ( hresult:80070020, message:Something else about 0x80070020 )")]
    [InlineData("The process cannot access the file because it is being used by another process.")]
    [InlineData("Cannot commit configuration changes because the file has changed on disk")]
    [InlineData("Filename: \\\\?\\C:\\Windows\\system32\\inetsrv\\config\\applicationHost.config\nError: Cannot write configuration file")]
    public void Contention_from_a_script_is_transient_and_quotes_the_hosts_message(string message)
    {
        var failure = IisFailureClassifier.Classify(32, "SITE object \"A\" added\n", message + "\n" + Marker("appcmd", 32, "appcmd add site"));

        Assert.NotNull(failure);
        Assert.Equal((IisFailureKind.Transient, IisFailureSource.Appcmd, "appcmd add site", 32), (failure.Kind, failure.Source, failure.Command, failure.ExitCode));
        Assert.StartsWith("appcmd add site failed with exit code 32 (another writer", failure.Reason, StringComparison.Ordinal);
        Assert.EndsWith(message.Split('\n')[^1].Trim(), failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Reason);
        Assert.DoesNotContain(IisFailureMarker.Prefix, failure.OutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_appcmd_contention_on_stdout_is_transient()
    {
        var failure = IisFailureClassifier.Classify(32, SharingViolation + "\n", "");

        Assert.Equal((IisFailureKind.Transient, IisFailureSource.Appcmd, "appcmd"), (failure!.Kind, failure.Source, failure.Command));
        Assert.EndsWith(SharingViolation, failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mutex_timeout_is_transient()
    {
        var stderr = @"Timed out after 2 s waiting for the IIS mutex 'Global\ABCCodeDeploy': another IIS writer on this host still holds it. Nothing was changed." + "\n" +
                     Marker("mutex", IisFailureMarker.MutexTimeoutExitCode, "mutex");

        var failure = IisFailureClassifier.Classify(75, "", stderr);

        Assert.Equal((IisFailureKind.Transient, IisFailureSource.Mutex), (failure!.Kind, failure.Source));
        Assert.Contains("waiting for the IIS mutex 'Global\\ABCCodeDeploy'", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Duplicate)]
    [InlineData("ERROR ( hresult:800700B7, message:Cannot add duplicate collection entry )")]
    public void A_duplicate_entry_is_permanent(string message)
    {
        var failure = IisFailureClassifier.Classify(183, "", message + "\n" + Marker("appcmd", 183, "appcmd add site"));

        Assert.Equal((IisFailureKind.Permanent, "appcmd add site"), (failure!.Kind, failure.Command));
        Assert.Contains("duplicate entry", failure.Reason, StringComparison.Ordinal);
        Assert.EndsWith(message, failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_duplicate_on_stdout_is_permanent() =>
        Assert.Equal(IisFailureKind.Permanent, IisFailureClassifier.Classify(183, Duplicate + "\n", "")!.Kind);

    [Fact]
    public void Anything_else_is_permanent()
    {
        var unknown = IisFailureClassifier.Classify(87, "", "ERROR ( message:Unknown attribute \"x\".  Replace with -? for help. )\n" + Marker("appcmd", 87, "appcmd set site"));
        var missingSite = IisFailureClassifier.Classify(90, "", "The site 'Shop' does not exist: ensure the site before its applications.\n" + Marker("check", 90, "site exists"));
        var noAppcmd = IisFailureClassifier.Classify(127, "", "C:\\Windows\\System32\\inetsrv\\appcmd.exe was not found.\n" + Marker("appcmd", 127, "appcmd"));
        var crashed = IisFailureClassifier.Classify(1, "", "Something unexpected\n");

        Assert.Equal(IisFailureKind.Permanent, unknown!.Kind);
        Assert.Equal((IisFailureKind.Permanent, IisFailureSource.Check), (missingSite!.Kind, missingSite.Source));
        Assert.Equal(IisFailureKind.Permanent, noAppcmd!.Kind);
        Assert.Contains("is IIS installed?", noAppcmd.Reason, StringComparison.Ordinal);
        Assert.Equal((IisFailureKind.Permanent, IisFailureSource.Script, "script failed with exit code 1 (the command failed). Something unexpected"),
            (crashed!.Kind, crashed.Source, crashed.Reason));
    }

    [Fact]
    public void An_inconsistent_read_and_a_signal_are_transient()
    {
        Assert.True(IisFailureClassifier.Classify(90, "", "The IIS configuration changed while it was being read; try again.\n" + Marker("check", 90, "consistent read"))!.IsTransient);
        Assert.True(IisFailureClassifier.Classify(143, "", "")!.IsTransient);
    }
}
