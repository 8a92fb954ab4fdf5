-- Drill signals and drill alerts belong to ONE drill run (issue 12): a drill started within the
-- spike window of an earlier one must not count that drill's signals towards its alert. The run
-- is the drill that was running when the signal was recorded or the alert raised; NULL for live
-- ones, and for drill signals recorded in a training instance while no drill ran (those count
-- only among themselves).

ALTER TABLE signals ADD COLUMN drill_id INTEGER REFERENCES drills (id) CHECK (drill_id IS NULL OR drill = 1);
ALTER TABLE signal_alerts ADD COLUMN drill_id INTEGER REFERENCES drills (id) CHECK (drill_id IS NULL OR drill = 1);

-- Existing drill records: the drill whose window holds their moment of recording.
UPDATE signals SET drill_id = (
  SELECT d.id FROM drills d
  WHERE d.started_at <= signals.recorded_at AND (d.ended_at IS NULL OR signals.recorded_at <= d.ended_at)
  ORDER BY d.started_at DESC LIMIT 1
) WHERE drill = 1;
UPDATE signal_alerts SET drill_id = (
  SELECT d.id FROM drills d
  WHERE d.started_at <= signal_alerts.raised_at AND (d.ended_at IS NULL OR signal_alerts.raised_at <= d.ended_at)
  ORDER BY d.started_at DESC LIMIT 1
) WHERE drill = 1;

-- The same (source, reference) is one signal per run: a reference typed in an earlier drill does
-- not swallow the same reference in the next one.
DROP INDEX signals_unique_reference;
CREATE UNIQUE INDEX signals_unique_reference ON signals (drill, ifnull(drill_id, 0), source, reference);
CREATE INDEX signals_by_drill_run ON signals (drill_id, product, received_at) WHERE drill_id IS NOT NULL;

-- One open alert per product per run.
DROP INDEX signal_alerts_one_open;
CREATE UNIQUE INDEX signal_alerts_one_open ON signal_alerts (drill, ifnull(drill_id, 0), product) WHERE closed_at IS NULL;
