-- The stories' documents move from the engine's documents table to Marten's story tables
-- (mt_doc_story_<name>[_<version>]), written by Marten's async daemon. story_version says which table
-- readers read for a projection: null while its documents are still the engine's (live_documents reads
-- them from `documents` until the projector has built the story's table and switched the view, in one
-- transaction with this column).
alter table projections add column story_version integer;
