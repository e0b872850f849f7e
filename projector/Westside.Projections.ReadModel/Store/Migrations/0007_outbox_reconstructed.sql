-- Outbox history reconstructed from the source rows' created_at/processed_at, for the time before the
-- sampler's first sample (OutboxHistory in the projector): its own resolution, so a chart can draw it
-- apart from what was observed, and retention expires it like the 5-minute points.
alter table outbox_samples drop constraint outbox_samples_resolution_check;
alter table outbox_samples add constraint outbox_samples_resolution_check
    check (resolution in ('raw', '5m', 'reconstructed'));
