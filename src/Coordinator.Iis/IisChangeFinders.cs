using System.Text;

namespace Coordinator.Iis;

/// <summary>
/// For each operation, the helpers it needs and its <c>Find-Changes</c> function: it reads the current state with
/// <c>appcmd list ... /text:</c> and queues (<c>Add-Change</c>) only the appcmd writes that make the host match. An
/// empty queue means the host already matches. Every value enters as a single-quoted literal (<see cref="PowerShellQuoting"/>);
/// names read from the host travel in variables, never in code. Writes name their object by attribute
/// (<c>/site.name:</c>, <c>/apppool.name:</c>, <c>/app.name:</c>) so no name is ever read as an option.
/// </summary>
internal static class IisChangeFinders
{
    public static (string Helpers, string FindChanges) For(IisOperation operation) => operation switch
    {
        EnsureAppPool pool => (string.Empty, AppPool(pool)),
        EnsureSite site => (IisScriptFunctions.Paths + IisScriptFunctions.Bindings + IisScriptFunctions.Application, Site(site)),
        EnsureApplication application => (IisScriptFunctions.Paths + IisScriptFunctions.Application, Application(application)),
        RemoveSite remove => (string.Empty, RemoveSite(remove)),
        RemoveUnderPath remove => (IisScriptFunctions.Paths, RemoveUnderPath(remove)),
        _ => throw new ArgumentException($"{operation.GetType().Name} is not an IIS operation this library knows.", nameof(operation)),
    };

    static string AppPool(EnsureAppPool pool)
    {
        var runtime = "/managedRuntimeVersion:" + pool.ManagedRuntimeVersion;
        var pipeline = "/managedPipelineMode:" + pool.PipelineMode;
        var identity = "/processModel.identityType:" + pool.Identity;
        string Read(string attribute) => A("list", "apppool", "/name:" + pool.Name, "/text:" + attribute);
        // IIS leaves processModel.identityType out of applicationHost.config for the default identity.
        return Function($$"""
            if (@(Read-Appcmd {{Read("name")}}).Count -eq 0) {
              Add-Change {{A("add", "apppool", "/name:" + pool.Name, runtime, pipeline, identity)}}
              return
            }
            $settings = @()
            if ((Read-Value {{Read("managedRuntimeVersion")}}) -ne {{Q(pool.ManagedRuntimeVersion)}}) { $settings += {{Q(runtime)}} }
            if ((Read-Value {{Read("managedPipelineMode")}} 'Integrated') -ne {{Q(pool.PipelineMode.ToString())}}) { $settings += {{Q(pipeline)}} }
            if ((Read-Value {{Read("processModel.identityType")}} 'ApplicationPoolIdentity') -ne {{Q(pool.Identity.ToString())}}) { $settings += {{Q(identity)}} }
            if ($settings.Count -gt 0) { Add-Change ({{A("set", "apppool", "/apppool.name:" + pool.Name)}} + $settings) }
            """);
    }

    static string Site(EnsureSite site)
    {
        var bindings = string.Join(',', site.Bindings.Select(b => b.ToAppcmd()));
        return Function($$"""
            if (@(Read-Appcmd {{SiteExists(site.Name)}}).Count -eq 0) {
              Add-Change {{A("add", "site", "/name:" + site.Name, "/bindings:" + bindings, "/physicalPath:" + site.PhysicalPath)}}
              Add-Change {{A("set", "app", "/app.name:" + site.Name + "/", "/applicationPool:" + site.AppPool)}}
              return
            }
            $current = Read-Value {{A("list", "site", "/name:" + site.Name, "/text:bindings")}}
            if ((ConvertTo-BindingSet $current) -ne (ConvertTo-BindingSet {{Q(bindings)}})) { Add-Change {{A("set", "site", "/site.name:" + site.Name, "/bindings:" + bindings)}} }
            Find-ApplicationChanges {{Q(site.Name)}} '/' {{Q(site.PhysicalPath)}} {{Q(site.AppPool)}}
            """);
    }

    static string Application(EnsureApplication application) => Function($$"""
        if (@(Read-Appcmd {{SiteExists(application.Site)}}).Count -eq 0) {
          [Console]::Error.WriteLine({{Q($"The site '{application.Site}' does not exist: ensure the site before its applications.")}})
          Stop-Iis 'check' {{IisFailureMarker.CheckFailedExitCode}} 'site exists'
        }
        Find-ApplicationChanges {{Q(application.Site)}} {{Q(application.VirtualPath)}} {{Q(application.PhysicalPath)}} {{Q(application.AppPool)}}
        """);

    static string RemoveSite(RemoveSite remove) => Function($$"""
        if (@(Read-Appcmd {{SiteExists(remove.Name)}}).Count -gt 0) { Add-Change {{A("delete", "site", "/site.name:" + remove.Name)}} }
        """);

    /// <summary>
    /// Sites whose root application is under the path go whole; other applications under it go one by one; then every
    /// app pool only they used. The three lists come from three reads whose lines match one to one; another writer
    /// in between would misalign them, so unequal counts stop the script (transient). Deletes run pools first: if the
    /// script stops half-way, a retry still finds the sites and applications, and through them whatever is left.
    /// </summary>
    static string RemoveUnderPath(RemoveUnderPath remove) => Function($$"""
        $root = {{Q(remove.PhysicalPath)}}
        $names = @(Read-Appcmd @('list', 'app', '/text:app.name'))
        $paths = @(Read-Appcmd @('list', 'app', '/text:physicalPath'))
        $pools = @(Read-Appcmd @('list', 'app', '/text:applicationPool'))
        if ($names.Count -ne $paths.Count -or $names.Count -ne $pools.Count) {
          [Console]::Error.WriteLine('The IIS configuration {{IisScriptMessages.InconsistentRead}}; try again.')
          Stop-Iis 'check' {{IisFailureMarker.CheckFailedExitCode}} 'consistent read'
        }
        $sites = @()
        for ($i = 0; $i -lt $names.Count; $i++) {
          $slash = $names[$i].IndexOf('/')
          if ($slash -eq $names[$i].Length - 1 -and (Test-UnderPath $paths[$i] $root)) { $sites += $names[$i].Substring(0, $slash) }
        }
        $apps = @()
        $removedPools = @()
        $keptPools = @()
        for ($i = 0; $i -lt $names.Count; $i++) {
          $inRemovedSite = $sites -contains $names[$i].Substring(0, $names[$i].IndexOf('/'))
          if ($inRemovedSite -or (Test-UnderPath $paths[$i] $root)) {
            if (-not $inRemovedSite) { $apps += $names[$i] }
            $removedPools += $pools[$i]
          }
          else { $keptPools += $pools[$i] }
        }
        $existingPools = @(Read-Appcmd @('list', 'apppool', '/text:name'))
        $unusedPools = @()
        foreach ($pool in $removedPools) {
          if ($existingPools -contains $pool -and $keptPools -notcontains $pool -and $unusedPools -notcontains $pool) { $unusedPools += $pool }
        }
        foreach ($pool in $unusedPools) { Add-Change @('delete', 'apppool', "/apppool.name:$pool") }
        foreach ($app in $apps) { Add-Change @('delete', 'app', "/app.name:$app") }
        foreach ($site in $sites) { Add-Change @('delete', 'site', "/site.name:$site") }
        """);

    static string SiteExists(string name) => A("list", "site", "/name:" + name, "/text:name");

    static string Function(string body) => new StringBuilder()
        .Append("function Find-Changes {\n")
        .Append("  $changes.Clear()\n")
        .Append(IisScripts.Indented(body.ReplaceLineEndings("\n")))
        .Append("}\n")
        .ToString();

    static string A(params string[] values) => PowerShellQuoting.Array(values);

    static string Q(string value) => PowerShellQuoting.Literal(value);
}
