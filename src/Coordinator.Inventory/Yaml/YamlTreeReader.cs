using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Coordinator.Inventory.Yaml;

/// <summary>Builds the <see cref="YamlNode"/> tree of a single-document YAML text from YamlDotNet's parser events.</summary>
internal sealed class YamlTreeReader
{
    private static readonly HashSet<string> NullWords = ["", "~", "null", "Null", "NULL"];

    private readonly string _text;
    private readonly string _document;
    private readonly Parser _parser;
    private readonly Dictionary<string, YamlNode> _anchors = [];
    private Position _lastPosition = new(1, 1);

    private YamlTreeReader(string text, string document)
    {
        _text = text;
        _document = document;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>The document's root node, or <c>null</c> for a text without any content.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="document">What the text is, for messages: <c>the inventory</c>.</param>
    /// <exception cref="YamlSyntaxException">The text is not valid YAML, or holds more than one document.</exception>
    public static YamlNode? Read(string text, string document) => new YamlTreeReader(text, document).ReadStream();

    private YamlNode? ReadStream()
    {
        Expect<StreamStart>();
        if (Next() is StreamEnd)
        {
            return null;
        }

        var root = ReadNode(Next());
        Expect<DocumentEnd>();
        if (Next() is DocumentStart second)
        {
            throw new YamlSyntaxException(At(second.Start), $"{_document} must be a single YAML document, but a second one starts here");
        }

        return root;
    }

    private YamlNode ReadNode(ParsingEvent current)
    {
        switch (current)
        {
            case AnchorAlias alias:
                return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                    ? anchored
                    : throw new YamlSyntaxException(At(alias.Start), $"the alias '*{alias.Value.Value}' refers to no anchor defined before it");
            case Scalar scalar:
                return Remember(scalar, new ScalarNode(At(scalar.Start), scalar.Value,
                    scalar.Style == ScalarStyle.Plain && NullWords.Contains(scalar.Value)));
            case SequenceStart sequenceStart:
            {
                var items = new List<YamlNode>();
                for (var e = Next(); e is not SequenceEnd; e = Next())
                {
                    items.Add(ReadNode(e));
                }

                return Remember(sequenceStart, new SequenceNode(At(sequenceStart.Start), items));
            }
            case MappingStart mappingStart:
            {
                var entries = new List<MappingEntry>();
                for (var e = Next(); e is not MappingEnd; e = Next())
                {
                    var key = ReadNode(e);
                    entries.Add(new MappingEntry(key, ReadNode(Next())));
                }

                return Remember(mappingStart, new MappingNode(At(mappingStart.Start), entries));
            }
            default:
                throw new YamlSyntaxException(At(current.Start), $"unexpected YAML {current.GetType().Name}");
        }
    }

    private YamlNode Remember(NodeEvent nodeEvent, YamlNode node)
    {
        if (!nodeEvent.Anchor.IsEmpty)
        {
            _anchors[nodeEvent.Anchor.Value] = node;
        }

        return node;
    }

    private void Expect<T>() where T : ParsingEvent
    {
        var e = Next();
        if (e is not T)
        {
            throw new YamlSyntaxException(At(e.Start), $"unexpected YAML {e.GetType().Name}");
        }
    }

    private ParsingEvent Next()
    {
        try
        {
            if (!_parser.MoveNext())
            {
                throw new YamlSyntaxException(_lastPosition, "the YAML ends unexpectedly");
            }
        }
        catch (YamlException e) when (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            // YamlDotNet points at the enclosing mapping; the operator needs the line with the tab.
            throw new YamlSyntaxException(FirstTabIndentedLine() ?? At(e.Start),
                "YAML syntax error: a tab is used for indentation; indent with spaces");
        }
        catch (YamlException e)
        {
            throw new YamlSyntaxException(At(e.Start), Explain(e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, without a position, on some unclosed flow collections.
            throw new YamlSyntaxException(_lastPosition,
                "YAML syntax error after this point: look for an unclosed '[', '{' or quote");
        }

        _lastPosition = At(_parser.Current!.Start);
        return _parser.Current;
    }

    private Position? FirstTabIndentedLine()
    {
        var lines = _text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indentation);
            if (tab >= 0)
            {
                return new Position(i + 1, tab + 1);
            }
        }

        return null;
    }

    private static string Explain(string parserMessage)
    {
        var message = parserMessage.Length > 0 ? char.ToLowerInvariant(parserMessage[0]) + parserMessage[1..] : parserMessage;
        var hint = parserMessage.Contains("invalid mapping", StringComparison.Ordinal)
            ? " (check the indentation, and quote values that contain ': ')"
            : "";
        return $"YAML syntax error: {message.TrimEnd('.')}{hint}";
    }

    private static Position At(Mark mark) => new((int)mark.Line, (int)mark.Column);
}
