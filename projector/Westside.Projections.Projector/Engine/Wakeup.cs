namespace Westside.Projections.Projector.Engine;

// A coalescing signal: any number of Set calls before a wait wake that one wait.
public sealed class Wakeup
{
    private TaskCompletionSource _signal = NewSignal();

    public void Set() => Volatile.Read(ref _signal).TrySetResult();

    // Waits until Set or the timeout; returns true when woken by Set.
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var signal = Volatile.Read(ref _signal);
        if (timeout > TimeSpan.Zero)
        {
            try
            {
                await signal.Task.WaitAsync(timeout, ct);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
        else if (!signal.Task.IsCompleted)
        {
            return false;
        }

        Interlocked.CompareExchange(ref _signal, NewSignal(), signal);
        return true;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
