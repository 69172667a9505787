-- Where talks took place, as the text names it ("Istanbul", "the White House").
ALTER TABLE mentions ADD COLUMN location TEXT;
ALTER TABLE events ADD COLUMN location TEXT;
