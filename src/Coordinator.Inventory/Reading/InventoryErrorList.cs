using System.Collections.Immutable;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory.Reading;

/// <summary>Collects every problem found while reading one inventory, once each.</summary>
internal sealed class InventoryErrorList(string file)
{
    private readonly List<InventoryError> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(Position at, string message)
    {
        // Settings shared through 'defaults' are checked once per host; the operator needs to hear about them once.
        var error = new InventoryError(file, at.Line, at.Column, message);
        if (!_errors.Contains(error))
        {
            _errors.Add(error);
        }
    }

    public ImmutableArray<InventoryError> InDocumentOrder() => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
