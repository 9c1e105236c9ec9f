using System.Text.RegularExpressions;

namespace Coordinator.Octopus;

/// <summary>
/// Registers a listening Tentacle from the coordinator's side, keyed on the thumbprint it retains for the host
/// — unlike <c>Tentacle register-with --force</c>, which matches by name and overwrites whatever record has it:
/// <list type="number">
/// <item>exactly one record has the thumbprint → update it if a managed field differs (PUT the whole resource
/// back, unmanaged fields kept), else leave it alone;</item>
/// <item>several records have it → refuse and list them (clones; never pick one);</item>
/// <item>none has it but one has the name → refuse, unless the caller explicitly takes that record over
/// (<c>--replace-existing</c>): it may belong to another host;</item>
/// <item>nothing matches → POST a new record (retries look the thumbprint up first, so never twice).</item>
/// </list>
/// Running it again with the same desired machine writes nothing. Environment and machine-policy names are resolved
/// once a minute at most (<see cref="NamesKeptFor"/>), not once per host.
/// </summary>
public sealed partial class MachineRegistration(OctopusClient client)
{
    /// <summary>How long a resolved environment or policy name is reused; a renamed one is noticed after this.</summary>
    public static readonly TimeSpan NamesKeptFor = TimeSpan.FromMinutes(1);

    private readonly RecentlyResolved<IReadOnlyList<OctopusEnvironment>> _environments = new(NamesKeptFor);
    private readonly RecentlyResolved<OctopusMachinePolicy> _policies = new(NamesKeptFor);

    /// <summary>Makes Octopus hold exactly one record for this machine, as described; see the class summary for the rule.</summary>
    /// <param name="replaceExisting">Take over a record that has the machine's name but another thumbprint.</param>
    public async Task<RegistrationOutcome> RegisterAsync(
        DesiredMachine desired, bool replaceExisting = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        desired.Validate();
        TargetMachine target;
        try
        {
            target = await ResolveAsync(desired, cancellationToken);
        }
        catch (OctopusNameNotFoundException e)
        {
            return new RegistrationOutcome.Failed(
                e.Kind switch
                {
                    "space" => RegistrationFailure.UnknownSpace,
                    "environment" => RegistrationFailure.UnknownEnvironment,
                    _ => RegistrationFailure.UnknownMachinePolicy,
                },
                e.Message);
        }

        var byThumbprint = await client.Machines.FindByThumbprintAsync(target.Thumbprint, cancellationToken);
        if (byThumbprint.Count > 1)
        {
            return new RegistrationOutcome.Failed(RegistrationFailure.DuplicateThumbprint, Duplicates.Describe(target.Thumbprint, byThumbprint));
        }

        if (byThumbprint.Count == 1)
        {
            return await UpdateIfChangedAsync(byThumbprint[0], target, cancellationToken);
        }

        var byName = await client.Machines.FindByNameAsync(target.Name, cancellationToken);
        if (byName.Count == 0)
        {
            var created = await client.Machines.CreateAsync(target.NewDocument(), cancellationToken);
            return new RegistrationOutcome.Created(created.Id);
        }

        var named = byName[0];

        // A record pinned to our thumbprint in another letter case is ours: Octopus compares exactly, so it
        // would never find it by thumbprint, and health checks against it fail until the case is fixed.
        var sameCertificate = string.Equals(named.Thumbprint, target.Thumbprint, StringComparison.OrdinalIgnoreCase);
        if (byName.Count == 1 && (sameCertificate || replaceExisting))
        {
            return await UpdateIfChangedAsync(named, target, cancellationToken);
        }

        return new RegistrationOutcome.Failed(
            RegistrationFailure.NameTaken,
            $"Octopus already has a machine named '{target.Name}' ({string.Join(", ", byName.Select(m => $"{m.Id} at {m.Uri}"))}) pinned " +
            $"to the thumbprint {named.Thumbprint}, not to this host's certificate {target.Thumbprint}. It may belong to another " +
            "host, so it is left alone. If this host replaces that machine, run again with --replace-existing to take the record " +
            "over (it keeps its id; its thumbprint, endpoint, environments, roles, tenants and policy become this host's).");
    }

    /// <summary>
    /// Removes a machine for <c>coord forget</c>, by id (<c>Machines-17</c>) or by its 40-hex-digit thumbprint.
    /// A thumbprint shared by several records deletes nothing.
    /// </summary>
    public async Task<DeregistrationOutcome> DeregisterAsync(string thumbprintOrId, CancellationToken cancellationToken = default)
    {
        var identity = thumbprintOrId.Trim();
        if (MachineId().IsMatch(identity))
        {
            return await client.Machines.GetAsync(identity, cancellationToken) is { } byId
                ? await DeleteAsync(byId, identity, cancellationToken)
                : new DeregistrationOutcome.NotFound(identity);
        }

        var thumbprint = identity.ToUpperInvariant();
        if (!DesiredMachine.IsThumbprint(thumbprint))
        {
            throw new ArgumentException(
                $"'{thumbprintOrId}' is neither a machine id (Machines-17) nor a 40-hex-digit thumbprint.", nameof(thumbprintOrId));
        }

        var machines = await client.Machines.FindByThumbprintAsync(thumbprint, cancellationToken);
        return machines.Count switch
        {
            0 => new DeregistrationOutcome.NotFound(thumbprint),
            1 => await DeleteAsync(machines[0], thumbprint, cancellationToken),
            _ => new DeregistrationOutcome.Failed(
                Duplicates.Describe(thumbprint, machines) + " To forget one of them, pass its machine id instead of the thumbprint."),
        };
    }

    private async Task<DeregistrationOutcome> DeleteAsync(OctopusMachine machine, string identity, CancellationToken cancellationToken) =>
        await client.Machines.DeleteAsync(machine, cancellationToken)
            ? new DeregistrationOutcome.Deleted(machine.Id, machine.Name)
            : new DeregistrationOutcome.NotFound(identity);

    private async Task<TargetMachine> ResolveAsync(DesiredMachine desired, CancellationToken cancellationToken)
    {
        var names = desired.Environments.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var environments = await _environments.GetAsync(
            string.Join('\n', names), () => client.ResolveEnvironmentsAsync(names, CancellationToken.None), cancellationToken);
        var policy = await _policies.GetAsync(
            desired.MachinePolicy?.Trim() ?? "", () => client.ResolveMachinePolicyAsync(desired.MachinePolicy, CancellationToken.None), cancellationToken);
        return new TargetMachine(
            desired.Name.Trim(),
            desired.ListeningUri,
            desired.CanonicalThumbprint,
            [.. environments.Select(e => e.Id)],
            [.. desired.Roles.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)],
            [.. desired.TenantIds.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)],
            policy.Id);
    }

    private async Task<RegistrationOutcome> UpdateIfChangedAsync(OctopusMachine existing, TargetMachine target, CancellationToken cancellationToken)
    {
        if (existing.CommunicationStyle != OctopusMachine.ListeningStyle)
        {
            return new RegistrationOutcome.Failed(
                RegistrationFailure.EndpointTypeMismatch,
                $"Octopus has {existing} as a {existing.CommunicationStyle ?? "unknown"} machine, but this host is registered as a listening " +
                $"Tentacle ({OctopusMachine.ListeningStyle}). Octopus cannot change an endpoint's type in place: remove that record " +
                "(coord forget) and run again.");
        }

        var changes = target.ChangesFrom(existing);
        if (changes.Count == 0)
        {
            return new RegistrationOutcome.Unchanged(existing.Id);
        }

        if (changes.Any(c => c.Field == "Name")
            && (await client.Machines.FindByNameAsync(target.Name, cancellationToken)).FirstOrDefault(m => m.Id != existing.Id) is { } clash)
        {
            return new RegistrationOutcome.Failed(
                RegistrationFailure.NameTaken,
                $"{existing} holds this host's thumbprint, but renaming it to '{target.Name}' would clash with {clash} at {clash.Uri} " +
                $"(thumbprint {clash.Thumbprint}); machine names are unique per space. Rename or remove one of them, then run again.");
        }

        var updated = await client.Machines.UpdateAsync(existing, target.ApplyTo(existing), cancellationToken);
        return new RegistrationOutcome.Updated(updated.Id, changes);
    }

    [GeneratedRegex("^Machines-[0-9]+$")]
    private static partial Regex MachineId();
}
