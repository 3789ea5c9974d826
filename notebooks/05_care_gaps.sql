-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Care gaps per practice
-- MAGIC Who each practice can reach out to, from `gold_care_gaps`: persons in a measure's denominator who are
-- MAGIC neither excluded nor excepted and miss its numerator (for CMS122, lower is better: who are in it), with the
-- MAGIC evidence that decided it and what closes the gap. This is a person-level table: share lists only with the
-- MAGIC practice they belong to (`carelens care-gaps --practice ID --out FILE.csv` exports one practice).

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Open gaps per practice and measure in the latest period

-- COMMAND ----------

WITH latest AS (SELECT max(period_end) AS period_end FROM gold_care_gaps)
SELECT g.practice_id, g.measure_id, count(*) AS persons_in_gap
FROM gold_care_gaps g JOIN latest l ON g.period_end = l.period_end
GROUP BY g.practice_id, g.measure_id
ORDER BY g.practice_id, persons_in_gap DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Persons with several open gaps
-- MAGIC One outreach call can close several gaps: persons with the most open gaps in the latest period first.

-- COMMAND ----------

WITH latest AS (SELECT max(period_end) AS period_end FROM gold_care_gaps)
SELECT g.practice_id, g.person_id, count(*) AS open_gaps, concat_ws(', ', sort_array(collect_list(g.measure_id))) AS measures
FROM gold_care_gaps g JOIN latest l ON g.period_end = l.period_end
GROUP BY g.practice_id, g.person_id
ORDER BY open_gaps DESC, g.practice_id, g.person_id
LIMIT 50;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Gaps that stayed open from one period to the next
-- MAGIC The same person, measure and practice in gap in two consecutive periods.

-- COMMAND ----------

SELECT a.practice_id, a.measure_id, a.period_end AS earlier_period_end, b.period_end AS later_period_end,
       count(*) AS still_open
FROM gold_care_gaps a
JOIN gold_care_gaps b ON a.person_id = b.person_id AND a.measure_id = b.measure_id
  AND a.practice_id = b.practice_id AND b.period_start = date_add(a.period_end, 1)
GROUP BY a.practice_id, a.measure_id, a.period_end, b.period_end
ORDER BY a.practice_id, a.measure_id, a.period_end;
