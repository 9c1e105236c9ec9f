using Coordinator.Iis;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory.Reading;

/// <summary>
/// Runs Coordinator.Iis's own checks on what was read, so a file is accepted exactly when its scripts can be written,
/// and turns each problem into an error at the place to fix.
/// </summary>
internal static class IisValidation
{
    /// <returns>The operation normalised as the scripts use it, or <c>null</c> when a problem was reported.</returns>
    public static IisOperation? Operation(IisOperation operation, string subject, Position at, InventoryErrorList errors) =>
        Checked(() => IisOperationValidator.Validated(operation), subject, at, errors);

    /// <returns>Whether the mutex can be used; if not, every problem was reported.</returns>
    public static bool Mutex(IisMutex mutex, string subject, Position at, InventoryErrorList errors) =>
        Checked(() => IisOperationValidator.Validated(mutex), subject, at, errors) is not null;

    private static T? Checked<T>(Func<T> validated, string subject, Position at, InventoryErrorList errors) where T : class
    {
        try
        {
            return validated();
        }
        catch (InvalidIisOperationException e)
        {
            foreach (var problem in e.Problems)
            {
                errors.Add(at, $"{subject} cannot be used: {AsClause(problem)}");
            }

            return null;
        }
    }

    /// <summary>The library writes sentences; inventory messages continue after a colon, in lower case, without a full stop.</summary>
    private static string AsClause(string sentence)
    {
        var clause = sentence.TrimEnd('.');
        return clause.Length > 1 && char.IsUpper(clause[0]) && char.IsLower(clause[1])
            ? char.ToLowerInvariant(clause[0]) + clause[1..]
            : clause;
    }
}
