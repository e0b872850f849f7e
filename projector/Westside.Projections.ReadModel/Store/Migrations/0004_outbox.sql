-- Outbox samples by time across event types: the latest sampling (all rows at one sampled_at) and
-- retention (raw rows older than 48 h, 5-minute points older than 30 days). The primary key
-- (resolution, event_type, sampled_at) serves per-type series and the latest "*" row.
create index outbox_samples_time on outbox_samples(resolution, sampled_at);
