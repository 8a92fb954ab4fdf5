-- Drills that start like real outages (issue 12, item 5): a scenario's timed signals arrive by
-- themselves while the drill runs, in real time (1) or faster (the leader's choice at the start).
-- Which of them have arrived is the signals table itself: each is stored once under the reference
-- "oefening-<drill id>-<number>".

ALTER TABLE drills ADD COLUMN signal_speed INTEGER NOT NULL DEFAULT 1 CHECK (signal_speed IN (1, 2, 5, 10));
