namespace OctopusServer.Double.Pipeline;

/// <summary>
/// Faults applied to authenticated API requests, changeable while the server runs. Each request draws
/// from one seeded random sequence, so a run of sequential requests fails the same way every time.
/// </summary>
public sealed class FaultInjection
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, double> _errorRates = [];
    private Random _random;
    private TimeSpan _latency;
    private double _hangRate;
    private int _hangingRequests;

    internal FaultInjection(int seed) => _random = new Random(seed);

    public IReadOnlyDictionary<int, double> ErrorRates
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<int, double>(_errorRates);
            }
        }
    }

    public TimeSpan Latency
    {
        get
        {
            lock (_gate)
            {
                return _latency;
            }
        }
    }

    public double HangRate
    {
        get
        {
            lock (_gate)
            {
                return _hangRate;
            }
        }
    }

    /// <summary>How many requests are being held unanswered right now.</summary>
    public int HangingRequests => Volatile.Read(ref _hangingRequests);

    /// <summary>Answers this fraction of requests (0 to 1) with <paramref name="statusCode"/>; 0 stops it.</summary>
    public void SetErrorRate(int statusCode, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        RequireFraction(rate);
        lock (_gate)
        {
            var total = _errorRates.Where(r => r.Key != statusCode).Sum(r => r.Value) + rate;
            if (total > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(rate), "The error rates add up to more than 1.");
            }

            if (rate == 0)
            {
                _errorRates.Remove(statusCode);
            }
            else
            {
                _errorRates[statusCode] = rate;
            }
        }
    }

    /// <summary>Delays every authenticated request by this much before answering (or failing) it.</summary>
    public void SetLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        lock (_gate)
        {
            _latency = latency;
        }
    }

    /// <summary>Leaves this fraction of requests (1 = all) unanswered until the client gives up or the server stops.</summary>
    public void SetHangRate(double rate)
    {
        RequireFraction(rate);
        lock (_gate)
        {
            _hangRate = rate;
        }
    }

    /// <summary>Restarts the random sequence, so the next requests meet the same faults as after a start with this seed.</summary>
    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _errorRates.Clear();
            _latency = TimeSpan.Zero;
            _hangRate = 0;
        }
    }

    internal FaultDecision Decide()
    {
        lock (_gate)
        {
            // Both draws happen on every request, so the sequence does not depend on which faults are set.
            var hangDraw = _random.NextDouble();
            var errorDraw = _random.NextDouble();
            var hang = hangDraw < _hangRate;
            int? statusCode = null;
            var cumulative = 0.0;
            foreach (var (code, rate) in _errorRates)
            {
                cumulative += rate;
                if (errorDraw < cumulative)
                {
                    statusCode = code;
                    break;
                }
            }

            return new FaultDecision(_latency, hang, statusCode);
        }
    }

    internal void HangStarted() => Interlocked.Increment(ref _hangingRequests);

    internal void HangEnded() => Interlocked.Decrement(ref _hangingRequests);

    private static void RequireFraction(double rate)
    {
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate is a fraction between 0 and 1.");
        }
    }
}

internal sealed record FaultDecision(TimeSpan Latency, bool Hang, int? StatusCode);
