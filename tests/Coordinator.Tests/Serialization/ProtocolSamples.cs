using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Coordinator.Iis;

namespace Coordinator.Tests.Serialization;

/// <summary>
/// Builds a populated instance of any protocol record by reflection, so the round-trip test covers every
/// type — including ones added later — without a hand-written sample per type.
/// </summary>
internal static class ProtocolSamples
{
    public static object Create(Type type) => Create(type, depth: 0);

    private static object Create(Type type, int depth)
    {
        if (depth > 12)
        {
            throw new InvalidOperationException($"Sample for {type} nests too deeply; add a case to ProtocolSamples.");
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Create(underlying, depth + 1);
        }

        if (type == typeof(string)) return "sample-" + depth;
        if (type == typeof(int)) return 42;
        if (type == typeof(long)) return 4_200_000_000L;
        if (type == typeof(bool)) return true;
        if (type == typeof(double)) return 1.5;
        if (type == typeof(Guid)) return Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 23, 12, 34, 56, TimeSpan.Zero);
        if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(90);
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();

        // Polymorphic: the sample is the kind with the most fields, so its discriminator and its list round-trip too.
        if (type == typeof(IisOperation)) return Create(typeof(EnsureSite), depth + 1);

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            if (definition == typeof(ImmutableSortedDictionary<,>))
            {
                var key = Create(args[0], depth + 1);
                var value = Create(args[1], depth + 1);
                var create = typeof(ImmutableSortedDictionary).GetMethods()
                    .Single(m => m.Name == nameof(ImmutableSortedDictionary.Create) && m.GetParameters().Length == 0)
                    .MakeGenericMethod(args);
                var empty = create.Invoke(null, null)!;
                return type.GetMethod("Add")!.Invoke(empty, [key, value])!;
            }

            if (definition == typeof(ImmutableDictionary<,>))
            {
                var key = Create(args[0], depth + 1);
                var value = Create(args[1], depth + 1);
                var empty = type.GetField("Empty")!.GetValue(null)!;
                return type.GetMethod("Add")!.Invoke(empty, [key, value])!;
            }

            if (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(List<>))
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args))!;
                list.Add(Create(args[0], depth + 1));
                return list;
            }

            if (definition == typeof(ImmutableSortedSet<>))
            {
                var empty = type.GetField("Empty")!.GetValue(null)!;
                return type.GetMethod("Add")!.Invoke(empty, [Create(args[0], depth + 1)])!;
            }

            if (definition == typeof(ImmutableList<>) || definition == typeof(ImmutableArray<>))
            {
                var holder = definition == typeof(ImmutableList<>) ? typeof(ImmutableList) : typeof(ImmutableArray);
                var create = holder.GetMethods()
                    .Single(m => m.Name == "Create" && m.GetParameters().Length == 1 && !m.GetParameters()[0].ParameterType.IsArray
                        && m.GetParameters()[0].ParameterType.IsGenericParameter)
                    .MakeGenericMethod(args);
                return create.Invoke(null, [Create(args[0], depth + 1)])!;
            }
        }

        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            throw new InvalidOperationException($"No public constructor on {type}; add a case to ProtocolSamples.");
        }

        var parameters = constructor.GetParameters().Select(p => Create(p.ParameterType, depth + 1)).ToArray();
        return constructor.Invoke(parameters);
    }
}
