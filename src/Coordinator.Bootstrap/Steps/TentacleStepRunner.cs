using System.Collections.Concurrent;
using System.Net.Sockets;
using Coordinator.Actors.Machines;
using Coordinator.Bootstrap.Identity;
using Coordinator.Bootstrap.Octopus;
using Coordinator.HostAccess;
using Coordinator.Octopus;
using Coordinator.Protocol.Machines;
using Coordinator.Tentacle;

namespace Coordinator.Bootstrap.Steps;

/// <summary>
/// The real bootstrap steps. The probe decides, with <see cref="TentaclePlanner"/>, which host-side steps a host
/// needs; every other host-side step runs only if the plan names it, so a converged host costs one command. The
/// plan lives in memory only: a run resumed after a restart probes again, which is safe because every step is.
/// </summary>
public sealed class TentacleStepRunner(
    IHostSessions sessions,
    OctopusConnections octopus,
    RetainedIdentityVault identities,
    ITentacleListenerCheck listener) : IBootstrapStepRunner
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly ConcurrentDictionary<string, ProbedHost> _probes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RegisteredHost> _registered = new(StringComparer.Ordinal);

    public async Task<StepResult> RunAsync(StepRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request.Step switch
            {
                BootstrapStep.Probe => await ProbeAsync(request, cancellationToken),
                BootstrapStep.Install => await InstallAsync(request, cancellationToken),
                BootstrapStep.CreateInstance => await WhenPlannedAsync(request, TentacleStep.CreateInstance,
                    scripts => scripts.CreateInstance(), "instance created", cancellationToken),
                BootstrapStep.ImportCertificate => await ImportCertificateAsync(request, cancellationToken),
                BootstrapStep.Configure => await ConfigureAsync(request, cancellationToken),
                BootstrapStep.StartService => await StartServiceAsync(request, cancellationToken),
                BootstrapStep.Verify => await VerifyAsync(request, cancellationToken),
                BootstrapStep.Register => await RegisterAsync(request, cancellationToken),
                BootstrapStep.HealthCheck => await HealthCheckAsync(request, cancellationToken),
                _ => new StepResult.Failed($"this coordinator does not know the step {request.Step}", Transient: false),
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && StepFailures.Describe(e) is { } failure)
        {
            return failure;
        }
    }

    public async ValueTask ReleaseAsync(string host)
    {
        _probes.TryRemove(host, out _);
        _registered.TryRemove(host, out _);
        await sessions.CloseAsync(host);
    }

    public async Task<string> DeregisterAsync(string host, MachineSpec lastSpec, string thumbprint, CancellationToken cancellationToken) =>
        await octopus.For(lastSpec.Octopus).Registration.DeregisterAsync(thumbprint, cancellationToken) switch
        {
            DeregistrationOutcome.Deleted deleted => $"deleted {deleted.MachineId} ('{deleted.Name}') from {lastSpec.Octopus.ServerUrl}",
            DeregistrationOutcome.NotFound => $"{lastSpec.Octopus.ServerUrl} had no machine with the thumbprint {thumbprint}",
            DeregistrationOutcome.Failed failed => throw new InvalidOperationException(failed.Message),
            var other => throw new InvalidOperationException($"unexpected outcome {other}"),
        };

    private async Task<StepResult> ProbeAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var probed = await ProbedAsync(request, refresh: true, cancellationToken);
        var plan = probed.Plan;
        return new StepResult.Completed(plan.NothingToDo
            ? $"Tentacle {probed.Report.Version} is set up as desired"
            : $"to do: {string.Join(", ", plan.Steps.Select(Describe))}");
    }

    private async Task<StepResult> InstallAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var probed = await ProbedAsync(request, refresh: false, cancellationToken);
        if (!probed.Plan.Steps.Contains(TentacleStep.Install))
        {
            return Skipped($"Tentacle {probed.Report.Version} is installed");
        }

        if (request.Spec.Tentacle.InstallerFile is not { } installer)
        {
            return new StepResult.Failed(
                $"{probed.Plan.Reasons.First()} The inventory names no {request.Spec.Os.ToString().ToLowerInvariant()} installer " +
                "(tentacle.installers), so the coordinator cannot install it.", Transient: false);
        }

        var session = SessionOf(request);
        var remote = await session.CreatePrivateTempPathAsync(Path.GetFileName(installer), cancellationToken);
        try
        {
            await using (var content = File.OpenRead(installer))
            {
                await session.UploadAsync(content, remote, OwnerOnly, cancellationToken);
            }

            var serverThumbprint = await octopus.For(request.Spec.Octopus).ServerThumbprintAsync(cancellationToken);
            var scripts = TentacleStepScripts.For(MachineSpecs.DesiredOf(request.Spec, serverThumbprint, remote));
            return await RunScriptAsync(session, scripts.Install(), request, $"installed Tentacle {scripts.Desired.ExpectedVersion}", cancellationToken);
        }
        finally
        {
            await DeleteQuietlyAsync(session, remote);
        }
    }

    private async Task<StepResult> ImportCertificateAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var probed = await ProbedAsync(request, refresh: false, cancellationToken);
        if (!probed.Plan.Steps.Contains(TentacleStep.ImportCertificate))
        {
            return Skipped($"the instance presents the retained certificate {request.Identity.Thumbprint}");
        }

        var session = SessionOf(request);
        var remote = await session.CreatePrivateTempPathAsync("tentacle.pfx", cancellationToken);
        try
        {
            var certificate = await identities.UnsealAsync(request.Host, request.Identity, cancellationToken);
            var pfx = certificate.ExportForImport();
            try
            {
                await session.UploadAsync(pfx, remote, OwnerOnly, cancellationToken);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(pfx);
            }

            var scripts = await ScriptsAsync(request, cancellationToken);
            return await RunScriptAsync(session, scripts.ImportCertificate(remote, request.Identity.Thumbprint), request,
                $"imported the retained certificate {request.Identity.Thumbprint}", cancellationToken);
        }
        finally
        {
            await DeleteQuietlyAsync(session, remote);
        }
    }

    private async Task<StepResult> ConfigureAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var probed = await ProbedAsync(request, refresh: false, cancellationToken);
        return await WhenPlannedAsync(request, TentacleStep.Configure, scripts => scripts.Configure(probed.Plan.ResetListenAddress),
            "configured listening, directories and trust", cancellationToken);
    }

    private async Task<StepResult> StartServiceAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var probed = await ProbedAsync(request, refresh: false, cancellationToken);
        if (probed.Plan.Steps.Contains(TentacleStep.RestartService))
        {
            return await WhenPlannedAsync(request, TentacleStep.RestartService, scripts => scripts.RestartService(), "service restarted", cancellationToken);
        }

        return await WhenPlannedAsync(request, TentacleStep.StartService, scripts => scripts.StartService(), "service started", cancellationToken);
    }

    private async Task<StepResult> VerifyAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var address = request.Spec.Address;
        var port = request.Spec.Tentacle.ListenPort;
        string presented;
        try
        {
            presented = await listener.PresentedThumbprintAsync(address, port, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new StepResult.Failed($"no TLS handshake with the Tentacle at {address}:{port}: {e.Message}", Transient: true);
        }

        return presented == request.Identity.Thumbprint
            ? new StepResult.Completed($"{address}:{port} presents {presented}")
            : new StepResult.Failed(
                $"{address}:{port} presents the certificate {presented}, not the retained {request.Identity.Thumbprint}: another " +
                "Tentacle instance or program may hold the listen port", Transient: false);
    }

    private async Task<StepResult> RegisterAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var desired = new DesiredMachine(
            request.Host, spec.Address, spec.Tentacle.ListenPort, request.Identity.Thumbprint,
            [spec.Environment], spec.Roles, spec.Tenants, spec.MachinePolicy);
        var outcome = await octopus.For(spec.Octopus).Registration.RegisterAsync(desired, spec.Octopus.ReplaceExisting, cancellationToken);
        if (outcome is RegistrationOutcome.Created or RegistrationOutcome.Updated or RegistrationOutcome.Unchanged)
        {
            _registered[request.Host] = new RegisteredHost(request.RunId, request.Identity.Thumbprint, MachineIdOf(outcome));
        }

        return outcome switch
        {
            RegistrationOutcome.Created created => new StepResult.Completed($"registered as {created.MachineId}"),
            RegistrationOutcome.Updated updated => new StepResult.Completed(
                $"updated {updated.MachineId}: {string.Join("; ", updated.Changes)}"),
            RegistrationOutcome.Unchanged unchanged => new StepResult.Completed($"{unchanged.MachineId} is registered as desired"),
            RegistrationOutcome.Failed failed => new StepResult.Failed(failed.Message, Transient: false),
            _ => new StepResult.Failed($"unexpected registration outcome {outcome}", Transient: false),
        };
    }

    private async Task<StepResult> HealthCheckAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var client = octopus.For(request.Spec.Octopus).Client;
        var changedOnHost = !_probes.TryGetValue(request.Host, out var probedHost) || probedHost.RunId != request.RunId || !probedHost.Plan.NothingToDo;
        if (changedOnHost && _registered.TryGetValue(request.Host, out var registered) && registered.RunId == request.RunId
            && registered.Thumbprint == request.Identity.Thumbprint)
        {
            // The register step of this run just found or made the record: no need to look it up again.
            return await HealthTaskAsync(client, registered.MachineId, cancellationToken);
        }

        var machines = await client.Machines.FindByThumbprintAsync(request.Identity.Thumbprint, cancellationToken);
        if (machines is not [var machine])
        {
            return new StepResult.Failed(
                $"Octopus holds {machines.Count} machines with the thumbprint {request.Identity.Thumbprint}; the register step keeps exactly one",
                Transient: true);
        }

        if (machine.HealthStatus == "Healthy" && _probes.TryGetValue(request.Host, out var probed) && probed.Plan.NothingToDo)
        {
            return Skipped($"{machine.Id} is healthy and nothing changed on the host");
        }

        return await HealthTaskAsync(client, machine.Id, cancellationToken);
    }

    private static async Task<StepResult> HealthTaskAsync(OctopusClient client, string machineId, CancellationToken cancellationToken)
    {
        var result = await client.HealthChecks.RunAsync([machineId], cancellationToken: cancellationToken);
        return result.Succeeded
            ? new StepResult.Completed($"{machineId} is healthy ({result.Task.Id})")
            : new StepResult.Failed(result.Summary, Transient: true);
    }

    private static string MachineIdOf(RegistrationOutcome outcome) => outcome switch
    {
        RegistrationOutcome.Created created => created.MachineId,
        RegistrationOutcome.Updated updated => updated.MachineId,
        RegistrationOutcome.Unchanged unchanged => unchanged.MachineId,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    private async Task<StepResult> WhenPlannedAsync(
        StepRequest request, TentacleStep step, Func<ITentacleStepScripts, TentacleScript> script, string done, CancellationToken cancellationToken)
    {
        var probed = await ProbedAsync(request, refresh: false, cancellationToken);
        if (!probed.Plan.Steps.Contains(step))
        {
            return Skipped("the host already has it");
        }

        var scripts = await ScriptsAsync(request, cancellationToken);
        return await RunScriptAsync(SessionOf(request), script(scripts), request, done, cancellationToken);
    }

    /// <summary>The probe and plan for this run: from memory, or probed now when the run is new or resumed after a restart.</summary>
    private async Task<ProbedHost> ProbedAsync(StepRequest request, bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && _probes.TryGetValue(request.Host, out var known) && known.RunId == request.RunId)
        {
            return known;
        }

        var session = SessionOf(request);
        var scripts = await ScriptsAsync(request, cancellationToken);
        var result = await session.RunAsync(CommandOf(scripts.Probe(), request), OutputOf(request), cancellationToken);
        if (StepFailureClassifier.Classify(result.ExitCode, result.StandardOutput, result.StandardError) is { } failure)
        {
            throw new StepFailedException(StepFailures.Describe(failure));
        }

        var report = ProbeReportParser.Parse(result.StandardOutput, scripts.Desired.Instance);
        var probed = new ProbedHost(request.RunId, report, TentaclePlanner.Plan(report, scripts.Desired, request.Identity.Thumbprint));
        _probes[request.Host] = probed;
        return probed;
    }

    private async Task<ITentacleStepScripts> ScriptsAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var serverThumbprint = await octopus.For(request.Spec.Octopus).ServerThumbprintAsync(cancellationToken);
        return TentacleStepScripts.For(MachineSpecs.DesiredOf(request.Spec, serverThumbprint));
    }

    private IHostSession SessionOf(StepRequest request) => sessions.For(MachineSpecs.EndpointOf(request.Host, request.Spec));

    private static HostCommand CommandOf(TentacleScript script, StepRequest request) => script.Shell == ScriptShell.Bash
        ? HostCommand.Bash(script.Description, script.Text, request.Spec.Ssh.CommandTimeout)
        : HostCommand.PowerShell(script.Description, script.Text, request.Spec.Ssh.CommandTimeout);

    private async Task<StepResult> RunScriptAsync(
        IHostSession session, TentacleScript script, StepRequest request, string done, CancellationToken cancellationToken)
    {
        var result = await session.RunAsync(CommandOf(script, request), OutputOf(request), cancellationToken);
        return StepFailureClassifier.Classify(result.ExitCode, result.StandardOutput, result.StandardError) is { } failure
            ? StepFailures.Describe(failure)
            : new StepResult.Completed(done);
    }

    /// <summary>Followed only when the run streams its output (<c>--sequential</c>): following costs two threads per command.</summary>
    private static IProgress<CommandOutputLine>? OutputOf(StepRequest request) =>
        request.Output is { } output ? new LineForwarder(line => output.Report(new StepOutputLine(line.Stream == CommandOutputStream.Error, line.Text))) : null;

    private static async Task DeleteQuietlyAsync(IHostSession session, string remotePath)
    {
        // Not the step's token: the file must go even when the step was cancelled or timed out.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await session.DeleteAsync(remotePath, deadline.Token);
        }
        catch (Exception e) when (e is HostAccessException or OperationCanceledException)
        {
            // The import script deletes the file itself, and the private directory is readable by nobody else.
        }
    }

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> would post each line to the thread pool and lose their order.</summary>
    private sealed class LineForwarder(Action<CommandOutputLine> report) : IProgress<CommandOutputLine>
    {
        public void Report(CommandOutputLine value) => report(value);
    }

    private static StepResult Skipped(string why) => new StepResult.Completed($"skipped: {why}");

    private static string Describe(TentacleStep step) => step switch
    {
        TentacleStep.CreateInstance => "create instance",
        TentacleStep.ImportCertificate => "import certificate",
        TentacleStep.StartService => "start service",
        TentacleStep.RestartService => "restart service",
        _ => step.ToString().ToLowerInvariant(),
    };

    private sealed record ProbedHost(string RunId, ProbeReport Report, TentaclePlan Plan);

    /// <summary>The Octopus machine this run's register step found or made for the host's certificate.</summary>
    private sealed record RegisteredHost(string RunId, string Thumbprint, string MachineId);
}
