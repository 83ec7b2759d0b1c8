-- One of two halves of the generated pages' search documents, so that both cores compute them:
-- psql -v part=0 (or 1) -o /dev/null -f bench/pdf-document-part.sql
update media_page set document = cms_search_document(text) where abs(hashtext(media_id::text)) % 2 = :part;
