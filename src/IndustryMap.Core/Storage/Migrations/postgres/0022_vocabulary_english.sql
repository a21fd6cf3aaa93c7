-- Issue 13 (session 3): the industry vocabulary gains English words for catalog nodes (kind 'english'), read only by
-- placement to classify an English project description.
ALTER TABLE industry_vocabulary DROP CONSTRAINT industry_vocabulary_kind_check;
ALTER TABLE industry_vocabulary ADD CONSTRAINT industry_vocabulary_kind_check
    CHECK (kind IN ('synonym', 'narrower', 'compound', 'product', 'english'));
