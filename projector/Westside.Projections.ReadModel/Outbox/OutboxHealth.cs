namespace Westside.Projections.ReadModel.Outbox;

// The outbox's health from one sample: a pure function of the sample and the thresholds.
//   Critical: the oldest pending row is older than CriticalAfter (the worker has stalled, or is down).
//   Warning:  older than WarnAfter, or any row has failed.
//   Ok:       otherwise (a burst of young pending rows is fine: the worker is catching up).
public static class OutboxHealth
{
    public static OutboxHealthReport Evaluate(OutboxSample sample, OutboxHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(options);

        var state = OutboxHealthState.Ok;
        var reasons = new List<string>();
        string? ageVerdict = null;
        if (sample.Pending > 0 && sample.OldestPendingAgeSeconds is { } age)
        {
            if (age > options.CriticalAfter.TotalSeconds)
            {
                state = OutboxHealthState.Critical;
                ageVerdict = "worker stalled?";
            }
            else if (age > options.WarnAfter.TotalSeconds)
            {
                state = OutboxHealthState.Warning;
                ageVerdict = "worker slow?";
            }

            if (ageVerdict is not null)
            {
                reasons.Add($"oldest pending {OutboxDurations.Format(age)} — {ageVerdict}");
            }
        }

        if (sample.Failed > 0)
        {
            state = state == OutboxHealthState.Critical ? state : OutboxHealthState.Warning;
            reasons.Add($"{sample.Failed} failed");
        }

        return new OutboxHealthReport(state, reasons, Headline(sample, state, ageVerdict));
    }

    private static string Headline(OutboxSample sample, OutboxHealthState state, string? ageVerdict)
    {
        if (state == OutboxHealthState.Ok)
        {
            var latency = sample.LatencyHour.P95Seconds is { } hour ? $", p95 {OutboxDurations.Format(hour)}"
                : sample.LatencyDay.P95Seconds is { } day ? $", p95 (24 h) {OutboxDurations.Format(day)}"
                : "";
            return $"OK — {sample.Pending} pending{latency}";
        }

        var failed = sample.Failed > 0 ? $"{sample.Failed} failed" : null;
        if (ageVerdict is null)
        {
            return $"{failed}, {sample.Pending} pending";
        }

        var line = $"{sample.Pending} pending, oldest {OutboxDurations.Format(sample.OldestPendingAgeSeconds ?? 0)} — {ageVerdict}";
        return failed is null ? line : $"{line} · {failed}";
    }
}
