-- Readers filter documents by a few top-level fields (DocumentFilters.Fields). The GIN index used to
-- cover whole documents, every nested path of every document, and maintaining it was most of the
-- server's work in a rebuild. The projector now copies the filterable fields into `filters` and only
-- that small object is indexed. Documents written before this migration get the same fields here
-- (jsonb_strip_nulls: null values are left out, as DocumentFilters.Extract leaves them out).
alter table documents add column filters jsonb not null default '{}'::jsonb;

update documents set filters = jsonb_strip_nulls(jsonb_build_object(
    'ageGroup', data->'ageGroup', 'ageGroups', data->'ageGroups', 'cohort', data->'cohort', 'feePaid', data->'feePaid',
    'playerIds', data->'playerIds', 'scope', data->'scope', 'signedMonth', data->'signedMonth', 'status', data->'status',
    'statuses', data->'statuses', 'team', data->'team', 'tournamentId', data->'tournamentId', 'version', data->'version'))
where jsonb_typeof(data) = 'object';

drop index documents_data;
create index documents_filters on documents using gin (filters jsonb_path_ops);
