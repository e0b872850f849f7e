using Xunit;

namespace Westside.Projections.Testing;

// Waits for something the system does in the background (a poll, the daemon, a takeover): the condition
// is checked every `every` (50 ms) and the test fails once `timeout` (30 s) has passed without it.
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, TimeSpan? every = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"condition not met within {limit.TotalSeconds} s");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
