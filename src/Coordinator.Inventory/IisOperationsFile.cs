using System.Collections.Immutable;
using Coordinator.Iis;
using Coordinator.Inventory.Reading;
using Coordinator.Inventory.Yaml;

namespace Coordinator.Inventory;

/// <summary>
/// Reads the IIS operations file of <c>coord iis apply -f ops.yaml</c>: an <c>operations</c> list written like an
/// inventory's <c>iis.baseline</c>. The result is every operation, validated as the scripts need it, or every problem,
/// each with its line and column. See docs/iis.md.
/// </summary>
public static class IisOperationsFile
{
    private const string OperationExample = "- ensure-app-pool: { name: Shop }";

    private static readonly string[] TopKeys = ["operations"];

    /// <summary>The file as the subject and place of messages: <c>'operations[2].ensure-site' of the operations file</c>.</summary>
    private static readonly Section FileSection = Section.Of("the operations file", new Position(1, 1));

    public static IisOperationsLoadResult Load(string path) =>
        SourceFile.Read(path, "the IIS operations file", out var text) is { } problem
            ? IisOperationsLoadResult.Invalid([problem])
            : Parse(text, path);

    /// <summary>Validates operations file text.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="sourceName">How errors name the file, e.g. <c>ops.yaml</c>.</param>
    public static IisOperationsLoadResult Parse(string text, string sourceName)
    {
        var errors = new InventoryErrorList(sourceName);
        YamlNode? root;
        try
        {
            root = YamlTreeReader.Read(text, "the operations file");
        }
        catch (YamlSyntaxException e)
        {
            errors.Add(e.At, e.Message);
            return IisOperationsLoadResult.Invalid(errors.InDocumentOrder());
        }

        var operations = ReadOperations(root, errors);
        return errors.Any ? IisOperationsLoadResult.Invalid(errors.InDocumentOrder()) : IisOperationsLoadResult.Valid(operations);
    }

    private static ImmutableArray<IisOperation> ReadOperations(YamlNode? root, InventoryErrorList errors)
    {
        const string WhatToWrite = $"a list of IIS operations, such as {OperationExample}";
        if (root is null)
        {
            errors.Add(FileSection.At, $"the operations file is empty: add operations: {WhatToWrite}");
            return [];
        }

        if (root is not MappingNode mapping)
        {
            errors.Add(root.Start, $"the operations file must be a mapping with operations: {WhatToWrite}");
            return [];
        }

        var top = MappingFields.Read(mapping, FileSection, TopKeys, errors);
        if (!top.Require("operations", WhatToWrite) ||
            top.Sequence("operations", IisOperationListReader.Example, $"add at least one operation, such as {OperationExample}") is not { } list)
        {
            return [];
        }

        if (list.Items.Count == 0)
        {
            top.Error("operations", $"is empty: add at least one operation, such as {OperationExample}");
            return [];
        }

        return IisOperationListReader.Read(list, FileSection.Child("operations", top.KeyAt("operations")), errors);
    }
}
