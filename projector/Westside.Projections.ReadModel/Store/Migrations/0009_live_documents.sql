-- Readers read documents through one view, live_documents: every projection's live documents, one
-- row each, with the columns the pages sort and filter on. Here it is the engine's live generations;
-- the projector replaces the view in one statement when the documents move (to Marten's story tables),
-- so that readers never see a mix of two and never change their SQL.
create view live_documents as
select d.projection, d.generation, d.kind, d.id, d.sort_key, d.search, d.data, d.updated_seq, d.filters
from documents d join projections p on p.name = d.projection and d.generation = p.live_generation;
