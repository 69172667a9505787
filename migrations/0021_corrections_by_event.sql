-- An event page lists the corrections that apply to it: looked up by the
-- event, not by reading every correction (1,000 of them made event pages
-- twenty times slower).
CREATE INDEX corrections_applied_to ON corrections (applied_to, n);
