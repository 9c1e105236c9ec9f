namespace Coordinator.Octopus.Http;

/// <summary>
/// A value loaded once and shared by concurrent callers (the root document, the resolved space). A failed
/// load is not kept: the next caller tries again. Each caller's token only stops its own wait.
/// </summary>
internal sealed class SharedLoad<T>(Func<Task<T>> load)
{
    private readonly Lock _gate = new();
    private Task<T>? _current;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> current;
        lock (_gate)
        {
            if (_current is null || _current.IsFaulted || _current.IsCanceled)
            {
                _current = load();
            }

            current = _current;
        }

        return current.WaitAsync(cancellationToken);
    }
}
