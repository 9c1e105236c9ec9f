// Coordinator build, run through ./build.sh:
//   ./build.sh [--target=Build|Test|Run] [--configuration=Release|Debug]
//   ./build.sh --target=Test [--filter="FullyQualifiedName~Persistence"] [--hang-timeout=5m]
//   ./build.sh --target=Run -- <arguments for Coordinator.Host>
using System.Xml.Linq;

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var testFilter = Argument("filter", string.Empty);
// A test that runs this long without finishing is taken to hang: its test host is killed and the
// run counts as failed, so one hang cannot eat CI's time limit.
var hangTimeout = Argument("hang-timeout", "5m");

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

Task("Default")
    .IsDependentOn("Build");

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
