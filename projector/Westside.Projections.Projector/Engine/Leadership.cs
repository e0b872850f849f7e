namespace Westside.Projections.Projector.Engine;

// Whether this process leads, as Wolverine's election decides it: Wolverine runs the leader agent
// (Requests/LeaderAgent) on the node that holds its cluster leadership, and starting or stopping that
// agent begins or ends a term here. The engine leads only within a term (ProjectorEngine), and a term
// ends only once the engine has let go: Wolverine moves the agent to another node after its stop here
// returned, so the next leader starts after this one's session, daemon and inbox have stopped.
public sealed class Leadership
{
    private readonly Lock _sync = new();
    private Term? _current;
    private TaskCompletionSource<Term> _next = NewWaiter();

    public bool IsElected
    {
        get
        {
            lock (_sync)
            {
                return _current is { Ended: false };
            }
        }
    }

    // The current term, or the next one when this process does not lead.
    public Task<Term> NextTermAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            return _current is { Ended: false } current ? Task.FromResult(current) : _next.Task.WaitAsync(ct);
        }
    }

    // Wolverine started the leader agent on this node.
    public void Begin()
    {
        lock (_sync)
        {
            if (_current is { Ended: false })
            {
                return;
            }

            _current = new Term();
            _next.TrySetResult(_current);
            _next = NewWaiter();
        }
    }

    // Wolverine stops the leader agent on this node: the term's token is cancelled, and this returns once
    // the engine's work in the term has stopped (or at ct, Wolverine's own stop timeout).
    public async Task EndAsync(CancellationToken ct)
    {
        Term? ending;
        lock (_sync)
        {
            ending = _current;
            _current = null;
        }

        if (ending is not null)
        {
            await ending.EndAsync(ct);
        }
    }

    private static TaskCompletionSource<Term> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // One stretch of leadership. The engine holds it (HoldAsync) while it works as the leader; ending it
    // cancels Token and waits for the holder to let go.
    public sealed class Term
    {
        private readonly CancellationTokenSource _end = new();
        private readonly SemaphoreSlim _held = new(1, 1);

        public CancellationToken Token => _end.Token;

        public bool Ended => _end.IsCancellationRequested;

        public async Task<IDisposable> HoldAsync(CancellationToken ct)
        {
            await _held.WaitAsync(ct);
            if (Ended)
            {
                _held.Release();
                throw new OperationCanceledException("The leadership term has ended.", Token);
            }

            return new SemaphoreRelease(_held);
        }

        internal async Task EndAsync(CancellationToken ct)
        {
            await _end.CancelAsync();
            // A barrier: the holder, if any, has let go; later holders see the term ended.
            await _held.WaitAsync(ct);
            _held.Release();
        }
    }
}
