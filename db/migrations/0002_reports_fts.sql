-- Full-text search over reports. The Worker writes one row per report with
-- rowid = reports.id and text already folded (lowercase, đ → d), because
-- unicode61's remove_diacritics folds marks but treats đ as its own letter:
-- with both, "duong bi ngap" finds "Đường bị ngập".
CREATE VIRTUAL TABLE `reports_fts` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');
