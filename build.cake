// Coordinator build, run through ./build.sh:
//   ./build.sh --target=Demo            (as root: the lab's hosts are sshd processes in their own namespaces)
//   ./build.sh --target=Bench           (1,000 simulated hosts; writes docs/benchmarks.md)
//   ./build.sh [--target=Build|Test|Run] [--configuration=Release|Debug]
//   ./build.sh --target=Test [--filter="FullyQualifiedName~Persistence"] [--hang-timeout=10m]
//   ./build.sh --target=Run -- <arguments for Coordinator.Host>
//   ./build.sh --target=LabUp [--hosts=10] [--windows=0] [--state=DIR] [--octopus-port=8065]
//   ./build.sh --target=LabDown [--state=DIR]
using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var testFilter = Argument("filter", string.Empty);
// A test that runs this long without finishing is taken to hang: its test host is killed and the
// run counts as failed, so one hang cannot eat CI's time limit.
var hangTimeout = Argument("hang-timeout", "10m");

// Cake runs with the script's directory, the repository root, as working directory.
var repoRoot = Context.Environment.WorkingDirectory;
var solution = repoRoot.CombineWithFilePath("Coordinator.sln");
var testResults = repoRoot.Combine("artifacts/test-results");
var testPostgresScript = repoRoot.CombineWithFilePath("tests/scripts/postgres.sh");
var hostProject = repoRoot.Combine("src/Coordinator.Host");
const string TestPostgresVariable = "COORD_TEST_POSTGRES";

// Printed after Cake's task report so that it is the last line of a successful run; a failed test run
// ends on the same line, as the message of Cake's closing "Error:" line.
string closingLine = null;

Task("Build")
    .Description("Restore and build the solution")
    .Does(() => DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration }));

Task("Test")
    .Description("Run every test against a throwaway PostgreSQL; results in artifacts/test-results")
    .IsDependentOn("Build")
    .Does(() =>
{
    EnsureDirectoryExists(testResults);
    CleanDirectory(testResults);
    var exitCode = WithTestPostgres(RunSolutionTests);

    var summary = TestSummary.FromTrxFiles(GetFiles(testResults.FullPath + "/*.trx"));
    foreach (var abort in summary.AbortedRuns)
    {
        Warning(abort);
    }
    if (summary.Failed > 0)
    {
        throw new CakeException(summary.ToString());
    }
    if (exitCode != 0)
    {
        throw new CakeException($"dotnet test exited with code {exitCode} without a failed test result; see its output above");
    }
    closingLine = summary.ToString();
});

Task("Run")
    .Description("Run Coordinator.Host on its embedded defaults; arguments after -- are passed to it")
    .Does(() => DotNetRun(hostProject.FullPath, PassThroughArguments(), new DotNetRunSettings { Configuration = configuration }));

Task("Demo")
    .Description("Bootstrap a lab fleet of 10 hosts, recreate 3, bootstrap again: same Octopus machines, same thumbprints (as root)")
    .Does(() => DotNetRun(
        repoRoot.CombineWithFilePath("tests/Coordinator.Demo/Coordinator.Demo.csproj").FullPath,
        new ProcessArgumentBuilder(),
        new DotNetRunSettings { Configuration = configuration }));

Task("Bench")
    .Description("Bootstrap 100 and 1,000 hosts through a simulated transport against the Octopus double; writes docs/benchmarks.md")
    .Does(() => DotNetRun(
        repoRoot.CombineWithFilePath("tests/Coordinator.Benchmarks/Coordinator.Benchmarks.csproj").FullPath,
        new ProcessArgumentBuilder()
            .Append("--hosts").Append("100,1000")
            .Append("--latency").Append("50ms")
            .Append("--output").AppendQuoted(repoRoot.CombineWithFilePath("docs/benchmarks.md").FullPath),
        new DotNetRunSettings { Configuration = configuration }));

Task("Default")
    .IsDependentOn("Build");

// The lab for demos and trying the coordinator by hand (tests/README.md): SSH hosts on 127.0.0.2 and up,
// owned by a background `lab serve`, and the Octopus Server double on 127.0.0.1, both left running.
var labHosts = Argument("hosts", 10);
var labWindows = Argument("windows", 0);
var labState = System.IO.Path.GetFullPath(Argument("state", System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coordinator-lab", "lab")));
var octopusPort = Argument("octopus-port", 8065);
var labCliProject = repoRoot.CombineWithFilePath("tests/Lab/Coordinator.Lab.Cli/Coordinator.Lab.Cli.csproj");
var octopusDoubleProject = repoRoot.CombineWithFilePath("tests/Doubles/OctopusServer.Double/OctopusServer.Double.csproj");
var tentacleDoubleProject = repoRoot.CombineWithFilePath("tests/Doubles/Tentacle.Double/Tentacle.Double.csproj");

Task("LabUp")
    .Description("Start lab hosts and the Octopus Server double in the background: [--hosts=10] [--windows=0] [--state=DIR] [--octopus-port=8065]")
    .Does(() =>
{
    if (labHosts < 1 || labWindows < 0 || labWindows > labHosts)
    {
        throw new CakeException($"--hosts is the number of hosts (at least 1) and --windows how many of them are Windows-flavoured; got --hosts={labHosts} --windows={labWindows}.");
    }
    var octopus = new OctopusDoubleFiles(labState);
    if (octopus.RunningProcessId() is int running)
    {
        throw new CakeException($"The lab's Octopus Server double is already running (pid {running}); stop the lab first: ./build.sh --target=LabDown --state={labState}");
    }
    if (!LoopbackPortIsFree(octopusPort))
    {
        throw new CakeException($"127.0.0.1:{octopusPort} is in use; give the Octopus Server double another port with --octopus-port=N.");
    }

    // The lab CLI's build builds the Windows doubles it puts on Windows hosts.
    foreach (var project in new[] { labCliProject, octopusDoubleProject, tentacleDoubleProject })
    {
        DotNetBuild(project.FullPath, new DotNetBuildSettings { Configuration = configuration });
    }

    RunTool(LabCli().FullPath, new ProcessArgumentBuilder()
        .Append("up").Append((labHosts - labWindows).ToString()).Append("--windows").Append(labWindows.ToString())
        .Append("--state").AppendQuoted(labState), captureOutput: true);
    string serverThumbprint;
    IReadOnlyList<string> installers;
    try
    {
        // pack refuses to overwrite an MSI it made before.
        var installerDirectory = System.IO.Path.Combine(labState, "installers");
        EnsureDirectoryExists(installerDirectory);
        CleanDirectory(installerDirectory);
        installers = RunTool("dotnet", new ProcessArgumentBuilder()
            .AppendQuoted(DoubleOutput("Tentacle.Double", "Tentacle.dll").FullPath)
            .Append("pack").Append("--output").AppendQuoted(installerDirectory), captureOutput: true);
        serverThumbprint = StartOctopusDouble(octopus);
    }
    catch
    {
        RunTool(LabCli().FullPath, new ProcessArgumentBuilder().Append("down").Append("--state").AppendQuoted(labState), captureOutput: true);
        throw;
    }

    using var lab = JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(labState, "lab.json")));
    var sshConfig = lab.RootElement.GetProperty("sshConfigPath").GetString();
    Information($"Lab up in {labState}: {labHosts} host(s), {labWindows} of them Windows-flavoured. Reach a host with:");
    foreach (var host in lab.RootElement.GetProperty("hosts").EnumerateArray())
    {
        var name = host.GetProperty("name").GetString();
        Information($"  {name}  {host.GetProperty("address").GetString(),-11} {host.GetProperty("flavour").GetString(),-8} ssh -F {sshConfig} {name}");
    }
    Information($"Octopus Server double: http://127.0.0.1:{octopusPort}/ (certificate thumbprint {serverThumbprint})");
    Information($"  its API key is in {octopus.ApiKey} (mode 0600); its log in {octopus.Log}");
    Information($"Tentacle installers: {string.Join(", ", installers.Where(line => !string.IsNullOrWhiteSpace(line)))}");
    Information($"Stop everything: ./build.sh --target=LabDown --state={labState}");
});

Task("LabDown")
    .Description("Stop what LabUp started: the Octopus Server double and every lab host [--state=DIR]")
    .Does(() =>
{
    var octopus = new OctopusDoubleFiles(labState);
    StopOctopusDouble(octopus);
    if (!FileExists(LabCli()))
    {
        DotNetBuild(labCliProject.FullPath, new DotNetBuildSettings { Configuration = configuration });
    }
    foreach (var line in RunTool(LabCli().FullPath, new ProcessArgumentBuilder().Append("down").Append("--state").AppendQuoted(labState), captureOutput: true))
    {
        Information(line);
    }
});

RunTarget(target);
if (closingLine != null)
{
    Console.WriteLine(closingLine);
}

// Runs the body with a PostgreSQL connection string: the server the caller named in
// COORD_TEST_POSTGRES, or else a throwaway cluster that is always stopped afterwards.
T WithTestPostgres<T>(Func<string, T> body)
{
    var named = EnvironmentVariable(TestPostgresVariable);
    if (!string.IsNullOrEmpty(named))
    {
        Information($"Using the PostgreSQL named by {TestPostgresVariable}");
        return body(named);
    }
    try
    {
        TestPostgres("start");
        var setting = TestPostgres("env", captureOutput: true).Single(line => line.StartsWith(TestPostgresVariable + "="));
        return body(setting.Substring(TestPostgresVariable.Length + 1));
    }
    finally
    {
        TestPostgres("stop");
    }
}

IReadOnlyList<string> TestPostgres(string command, bool captureOutput = false) =>
    RunTool("bash", new ProcessArgumentBuilder().AppendQuoted(testPostgresScript.FullPath).Append(command), captureOutput);

// Returns the exit code instead of throwing: the TRX files say what failed, and PostgreSQL must be
// stopped first either way.
int RunSolutionTests(string postgresConnectionString)
{
    var exitCode = 0;
    var settings = new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Filter = string.IsNullOrEmpty(testFilter) ? null : testFilter,
        ResultsDirectory = testResults,
        ArgumentCustomization = args => args
            .Append("--blame-hang-timeout").Append(hangTimeout)
            .Append("--blame-hang-dump-type").Append("none"),
        HandleExitCode = code => { exitCode = code; return true; },
    };
    settings.Loggers.Add("trx");
    settings.EnvironmentVariables[TestPostgresVariable] = postgresConnectionString;
    DotNetTest(solution.FullPath, settings);
    return exitCode;
}

// Runs a tool to completion from the repository root and fails the build if it fails.
IReadOnlyList<string> RunTool(string tool, ProcessArgumentBuilder arguments, bool captureOutput = false)
{
    var settings = new ProcessSettings
    {
        Arguments = arguments,
        WorkingDirectory = repoRoot,
        RedirectStandardOutput = captureOutput,
    };
    var exitCode = StartProcess(tool, settings, out var output);
    if (exitCode != 0)
    {
        throw new CakeException($"{tool} {arguments.RenderSafe()} exited with code {exitCode}");
    }
    return output?.ToList() ?? new List<string>();
}

// Arguments the caller gave build.sh after "--", which passes them each ended by a newline.
ProcessArgumentBuilder PassThroughArguments()
{
    var builder = new ProcessArgumentBuilder();
    var passed = EnvironmentVariable("COORD_PASSTHROUGH_ARGS");
    if (!string.IsNullOrEmpty(passed))
    {
        foreach (var argument in passed[..^1].Split('\n'))
        {
            builder.AppendQuoted(argument);
        }
    }
    return builder;
}

// What a test run did, counted from the TRX files VSTest writes (one per test assembly).
sealed record TestSummary(int Passed, int Failed, int Skipped, IReadOnlyList<string> AbortedRuns)
{
    static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TestSummary FromTrxFiles(IEnumerable<FilePath> files)
    {
        int passed = 0, failed = 0, skipped = 0;
        var abortedRuns = new List<string>();
        foreach (var file in files)
        {
            var run = XDocument.Load(file.FullPath).Root;
            var outcomes = run.Elements(Trx + "Results").Elements(Trx + "UnitTestResult")
                .Select(result => (string)result.Attribute("outcome"))
                .ToList();
            var failedHere = outcomes.Count(outcome => outcome is not ("Passed" or "NotExecuted"));
            passed += outcomes.Count(outcome => outcome == "Passed");
            skipped += outcomes.Count(outcome => outcome == "NotExecuted");
            failed += failedHere;

            // A test host that crashed or was killed for hanging leaves a failed run whose running
            // test has no result at all; count the run itself as one failure.
            var summary = run.Element(Trx + "ResultSummary");
            if (failedHere == 0 && (string)summary?.Attribute("outcome") is not ("Completed" or "Passed"))
            {
                failed++;
                var errors = summary?.Elements(Trx + "RunInfos").Elements(Trx + "RunInfo")
                    .Where(info => (string)info.Attribute("outcome") == "Error")
                    .Select(info => info.Element(Trx + "Text")?.Value);
                abortedRuns.Add($"{file.GetFilename()}: {string.Join(" ", errors ?? Enumerable.Empty<string>())}");
            }
        }
        return new TestSummary(passed, failed, skipped, abortedRuns);
    }

    public override string ToString() =>
        Skipped > 0 ? $"{Passed} passed, {Failed} failed, {Skipped} skipped" : $"{Passed} passed, {Failed} failed";
}

FilePath LabCli() => repoRoot.CombineWithFilePath($"tests/Lab/Coordinator.Lab.Cli/bin/{configuration}/net10.0/lab");

FilePath DoubleOutput(string project, string file) =>
    repoRoot.CombineWithFilePath($"tests/Doubles/{project}/bin/{configuration}/net10.0/{file}");

bool LoopbackPortIsFree(int port)
{
    var probe = new TcpListener(System.Net.IPAddress.Loopback, port);
    try
    {
        probe.Start();
        return true;
    }
    catch (SocketException)
    {
        return false;
    }
    finally
    {
        probe.Stop();
    }
}

// Starts the Octopus Server double detached (its own session, output in its log) with a new API key that
// only its 0600 file and the double's environment hold; returns the server certificate's thumbprint.
string StartOctopusDouble(OctopusDoubleFiles files)
{
    EnsureDirectoryExists(files.Directory);
    var apiKey = "API-" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 26);
    System.IO.File.Delete(files.ApiKey);
    using (var keyFile = new System.IO.FileStream(files.ApiKey, new System.IO.FileStreamOptions
    {
        Mode = System.IO.FileMode.CreateNew,
        Access = System.IO.FileAccess.Write,
        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
    }))
    using (var writer = new System.IO.StreamWriter(keyFile))
    {
        writer.Write(apiKey);
    }
    System.IO.File.Delete(files.Log);

    var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
    foreach (var argument in new[]
    {
        "-c", "setsid \"$@\" </dev/null >>\"$0\" 2>&1 & echo $!", files.Log,
        "dotnet", DoubleOutput("OctopusServer.Double", "OctopusServer.Double.dll").FullPath,
        "--port", octopusPort.ToString(), "--environments", "Development,Test,Production",
    })
    {
        start.ArgumentList.Add(argument);
    }
    start.Environment["OCTOPUS_DOUBLE_API_KEY"] = apiKey;
    int pid;
    using (var shell = Process.Start(start))
    {
        shell.StandardInput.Close();
        pid = int.Parse(shell.StandardOutput.ReadToEnd().Trim());
        shell.WaitForExit();
    }
    System.IO.File.WriteAllText(files.ProcessIdFile, pid.ToString());

    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
    while (DateTime.UtcNow < deadline && files.RunningProcessId() is not null)
    {
        try
        {
            using var response = http.GetAsync($"http://127.0.0.1:{octopusPort}/api").GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode)
            {
                var announced = System.IO.File.ReadAllLines(files.Log).FirstOrDefault(line => line.StartsWith("Server certificate thumbprint: "));
                return announced?.Substring("Server certificate thumbprint: ".Length) ?? "(see its log)";
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet.
        }
        System.Threading.Thread.Sleep(200);
    }

    var log = System.IO.File.Exists(files.Log) ? string.Join(Environment.NewLine, System.IO.File.ReadLines(files.Log).TakeLast(20)) : "";
    StopOctopusDouble(files);
    throw new CakeException($"The Octopus Server double did not answer on 127.0.0.1:{octopusPort}. The end of {files.Log}:{Environment.NewLine}{log}");
}

// SIGTERM, then SIGKILL if it has not gone within 15 s; a pid file that names another process is ignored.
// Its API key goes with it.
void StopOctopusDouble(OctopusDoubleFiles files)
{
    if (files.RunningProcessId() is int pid)
    {
        Signal(pid, "TERM");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (files.RunningProcessId() is not null && DateTime.UtcNow < deadline)
        {
            System.Threading.Thread.Sleep(100);
        }
        if (files.RunningProcessId() is not null)
        {
            Signal(pid, "KILL");
        }
        Information($"Stopped the Octopus Server double (pid {pid}).");
    }
    System.IO.File.Delete(files.ProcessIdFile);
    System.IO.File.Delete(files.ApiKey); // a key of a server that is gone is no use to anyone
}

// A process that has just exited makes kill fail; whether it is gone is checked afterwards either way.
void Signal(int pid, string signal) =>
    StartProcess("kill", new ProcessSettings { Arguments = new ProcessArgumentBuilder().Append("-" + signal).Append(pid.ToString()) });

// Where LabUp keeps the Octopus Server double's files: <state>/octopus/{api-key,octopus.pid,octopus.log}.
sealed class OctopusDoubleFiles
{
    public OctopusDoubleFiles(string labState) => Directory = System.IO.Path.Combine(labState, "octopus");

    public string Directory { get; }
    public string ApiKey => System.IO.Path.Combine(Directory, "api-key");
    public string ProcessIdFile => System.IO.Path.Combine(Directory, "octopus.pid");
    public string Log => System.IO.Path.Combine(Directory, "octopus.log");

    // The recorded process while it runs and is still the double (pids are reused); an unreaped zombie is gone.
    public int? RunningProcessId()
    {
        if (!System.IO.File.Exists(ProcessIdFile) || !int.TryParse(System.IO.File.ReadAllText(ProcessIdFile).Trim(), out var pid))
        {
            return null;
        }
        try
        {
            var stat = System.IO.File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[stat.LastIndexOf(')') + 2];
            var commandLine = System.IO.File.ReadAllText($"/proc/{pid}/cmdline");
            return state is not ('Z' or 'X') && commandLine.Contains("OctopusServer.Double.dll") ? pid : null;
        }
        catch (System.IO.IOException)
        {
            return null;
        }
    }
}
