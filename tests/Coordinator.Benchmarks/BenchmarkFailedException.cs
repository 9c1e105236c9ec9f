namespace Coordinator.Benchmarks;

/// <summary>The benchmark could not measure what it set out to: the message says what went wrong, for the console.</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);
