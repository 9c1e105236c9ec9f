using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Coordinator.Cli.Inventory;
using Coordinator.Cli.Output;
using Coordinator.Inventory;
using Coordinator.Protocol.Fleet;

namespace Coordinator.Cli.Commands;

/// <summary>
/// <c>coord bootstrap -i FILE</c>: validate the inventory here (every error with its line), let the coordinator check
/// the Octopus Server and the files, then start a run — and with <c>--follow</c> watch it to the end.
/// </summary>
public static partial class BootstrapCommand
{
    /// <summary>The coordinator checks the Octopus Server before it answers; that may take retries.</summary>
    internal static readonly TimeSpan CheckWait = TimeSpan.FromSeconds(90);

    public static Command Create(GlobalOptions options, Terminal terminal)
    {
        var inventory = new Option<FileInfo>("--inventory", "-i") { Description = "The fleet inventory (YAML); see docs/inventory.md.", Required = true };
        var environment = new Option<string?>("--environment", "-e") { Description = "Only the hosts of this environment." };
        var hosts = new Option<string?>("--hosts") { Description = "Only these hosts, comma-separated (web-01,web-02)." };
        var maxParallel = new Option<int>("--max-parallel")
        {
            Description = "Hosts in flight at once for this run (the coordinator's global limit still applies).",
            CustomParser = result => ParsePositive(result, "--max-parallel"),
        };
        var maxFail = new Option<FailureThreshold?>("--max-fail")
        {
            Description = "Stop admitting new hosts once more than N hosts (or P% of the run) have failed.",
            CustomParser = ParseThreshold,
        };
        var sequential = new Option<bool>("--sequential") { Description = "One host at a time: the debugging switch." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the inventory, files and Octopus Server and print each host's plan; touch no host." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Watch the run live and end with every host's outcome; exit 1 if any host failed." };
        var replaceExisting = new Option<bool>("--replace-existing")
        {
            Description = "Take over an Octopus machine that has a host's name but another certificate (after a rebuild outside the coordinator).",
        };

        var command = AdminCommand.Create(
            "bootstrap",
            "Install, configure and register Tentacle on the inventory's hosts, in parallel.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                var parse = invocation.ParseResult;
                var fleet = Load(parse.GetRequiredValue(inventory).FullName);
                try
                {
                    fleet = fleet.Select(parse.GetValue(environment), SplitHosts(parse.GetValue(hosts)));
                }
                catch (InventorySelectionException e)
                {
                    throw new CliFailure(ExitCode.UsageOrConnection, $"{fleet.Source}: {string.Join("; ", e.Problems)}");
                }

                var runHosts = RunHosts.From(fleet, parse.GetValue(replaceExisting));
                await using var client = await invocation.ConnectAsync(cancellationToken);
                if (parse.GetValue(dryRun))
                {
                    var plan = await client.AskAsync<FleetCommands.RunPlan>(new FleetCommands.PlanRun(runHosts), CheckWait, cancellationToken);
                    invocation.Output.Show(new RunPlanView(plan));
                    return plan.Problems.Count == 0 ? ExitCode.Ok : ExitCode.UsageOrConnection;
                }

                var runOptions = new RunOptions(parse.GetValue(maxParallel), parse.GetValue(maxFail), parse.GetValue(sequential));
                var runId = NewRunId();
                FleetCommands.RunAccepted accepted;
                try
                {
                    accepted = await client.AskAsync<FleetCommands.RunAccepted>(
                        new FleetCommands.StartRun(runId, runHosts, runOptions), CheckWait, cancellationToken);
                }
                catch (CliFailure refused) when (refused.ExitCode == ExitCode.OperationFailed)
                {
                    // Refused before any host was touched: the inventory or the coordinator's setup needs fixing.
                    throw new CliFailure(ExitCode.UsageOrConnection, refused.Message);
                }

                return parse.GetValue(follow)
                    ? await RunFollower.FollowAsync(client, accepted.RunId, invocation.Output, terminal, cancellationToken)
                    : Accepted(invocation.Output, accepted);
            });
        foreach (var option in new Option[] { inventory, environment, hosts, maxParallel, maxFail, sequential, dryRun, follow, replaceExisting })
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>A new run's id: sortable by time, short enough to type.</summary>
    public static string NewRunId() =>
        $"run-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..2])}";

    private static ExitCode Accepted(CommandOutput output, FleetCommands.RunAccepted accepted)
    {
        output.Show(new RunAcceptedView(accepted));
        return ExitCode.Ok;
    }

    private static FleetInventory Load(string path)
    {
        var result = InventoryLoader.Load(path);
        if (result.Inventory is { } loaded)
        {
            return loaded;
        }

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        var shown = string.Join(Environment.NewLine + "  ", errors);
        throw new CliFailure(ExitCode.UsageOrConnection,
            $"the inventory has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}; nothing was started:{Environment.NewLine}  {shown}");
    }

    private static string[] SplitHosts(string? hosts) =>
        hosts?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static int ParsePositive(System.CommandLine.Parsing.ArgumentResult result, string name)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        result.AddError($"{name} takes a whole number of at least 1, not '{text}'.");
        return 0;
    }

    private static FailureThreshold? ParseThreshold(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        var match = Threshold().Match(text);
        if (match.Success && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (match.Groups["percent"].Success)
            {
                if (n <= 100)
                {
                    return new FailureThreshold(null, n);
                }
            }
            else
            {
                return new FailureThreshold(n, null);
            }
        }

        result.AddError($"--max-fail takes a number of hosts (3) or a share of the run (10%), not '{text}'.");
        return null;
    }

    [GeneratedRegex("^(?<n>[0-9]{1,9})(?<percent>%)?$")]
    private static partial Regex Threshold();
}
