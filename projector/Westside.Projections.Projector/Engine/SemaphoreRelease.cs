namespace Westside.Projections.Projector.Engine;

// Releases a semaphore once, however often it is disposed: the handle a gate's WaitAsync hands out.
internal sealed class SemaphoreRelease(SemaphoreSlim semaphore) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            semaphore.Release();
        }
    }
}
