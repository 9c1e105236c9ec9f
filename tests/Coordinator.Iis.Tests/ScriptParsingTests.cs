using System.Management.Automation.Language;
using Coordinator.Iis.Tests.Support;

namespace Coordinator.Iis.Tests;

/// <summary>Every generated script parses with the real PowerShell parser, and values stay verbatim single-quoted strings.</summary>
public sealed class ScriptParsingTests
{
    static readonly IisMutex Mutex = new(@"Global\Coordinator ‘test’ $x", TimeSpan.FromSeconds(1.5));

    public static TheoryData<string, string> NamesAndPaths => new()
    {
        { "Shop", @"C:\inetpub\shop" },
        { "My Shop", @"C:\Program Files\My Shop" },
        { Samples.NastyName, Samples.NastyPath },
        { "a'b''c", @"D:\x'y\" },
    };

    [Theory]
    [MemberData(nameof(NamesAndPaths))]
    public void Every_script_parses_without_errors(string name, string path)
    {
        foreach (var operation in Samples.Every(name, path))
        {
            var script = IisScripts.Render(operation, Mutex);

            Parser.ParseInput(script, out _, out var errors);

            Assert.True(errors.Length == 0, $"{operation}: {string.Join("; ", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"))}\n{script}");
        }
    }

    [Fact]
    public void Names_paths_and_the_mutex_name_appear_only_as_verbatim_strings()
    {
        foreach (var operation in Samples.Every(Samples.NastyName, Samples.NastyPath))
        {
            var ast = Parser.ParseInput(IisScripts.Render(operation, Mutex), out _, out _);
            var verbatim = ast.FindAll(node => node is StringConstantExpressionAst { StringConstantType: StringConstantType.SingleQuoted }, true)
                .Cast<StringConstantExpressionAst>().Select(s => s.Value).ToList();
            var expandable = ast.FindAll(node => node is ExpandableStringExpressionAst, true).Select(node => node.Extent.Text).ToList();

            Assert.Contains(Mutex.Name, verbatim);
            Assert.Contains(verbatim, value => value.Contains(Samples.NastyName, StringComparison.Ordinal) || value.Contains(Samples.NastyPath, StringComparison.Ordinal));
            Assert.DoesNotContain(expandable, text => text.Contains("whoami", StringComparison.Ordinal) || text.Contains("‘", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Appcmd_is_found_under_the_windows_directory_and_no_write_happens_outside_the_mutex()
    {
        var script = IisScripts.Render(Samples.Pool(), Mutex);

        Assert.Contains(@"$appcmd = Join-Path $env:windir 'System32\inetsrv\appcmd.exe'", script, StringComparison.Ordinal);
        var locked = script.IndexOf("Enter-IisMutex $mutex", StringComparison.Ordinal);
        var write = script.IndexOf("foreach ($change in $changes) { Invoke-Appcmd $change }", StringComparison.Ordinal);
        var release = script.IndexOf("$mutex.ReleaseMutex()", StringComparison.Ordinal);
        Assert.True(locked > 0 && locked < write && write < release, script);
    }

    [Fact]
    public void The_mutex_timeout_is_written_in_milliseconds()
    {
        var script = IisScripts.Render(new RemoveSite("Shop"), new IisMutex(TimeSpan.FromSeconds(2.5)));

        Assert.Contains("$mutexTimeout = [TimeSpan]::FromMilliseconds(2500)", script, StringComparison.Ordinal);
        Assert.Contains("$mutexName = 'Global\\ABCCodeDeploy'", script, StringComparison.Ordinal);
    }
}
