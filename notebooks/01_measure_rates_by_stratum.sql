-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Quality-measure rates by patient group
-- MAGIC Rates of every eCQM by dimension (age band, sex, race, ethnicity, payer, ...) and group, with 95% Wilson
-- MAGIC intervals, from `gold_measure_rates`. Suppressed cells (small groups) have no counts or rate and must stay
-- MAGIC unpublished. See notebooks/README.md for how the `gold_*` views are defined on a cluster.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Measures and periods available

-- COMMAND ----------

SELECT measure_id, period_start, period_end, count(*) AS groups, sum(CASE WHEN suppressed THEN 1 ELSE 0 END) AS suppressed_groups
FROM gold_measure_rates
GROUP BY measure_id, period_start, period_end
ORDER BY measure_id, period_start;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Rate of every group in the latest period, as percentages
-- MAGIC `suppressed` groups show no numbers. `gap_to_overall_pp` is the group's rate minus the all-patient rate, in
-- MAGIC percentage points.

-- COMMAND ----------

WITH latest AS (
  SELECT measure_id, max(period_start) AS period_start FROM gold_measure_rates GROUP BY measure_id
),
overall AS (
  SELECT r.measure_id, r.period_start, r.rate AS overall_rate
  FROM gold_measure_rates r JOIN latest l USING (measure_id, period_start)
  WHERE r.dimension = 'overall'
)
SELECT r.measure_id, r.period_start, r.dimension, r.stratum,
       CASE WHEN r.suppressed THEN NULL ELSE r.performance_denominator END AS eligible,
       CASE WHEN r.suppressed THEN NULL ELSE r.numerator END AS met,
       CASE WHEN r.suppressed THEN NULL ELSE round(100 * r.rate, 1) END AS rate_pct,
       CASE WHEN r.suppressed THEN NULL ELSE round(100 * r.ci_lower, 1) END AS ci_lower_pct,
       CASE WHEN r.suppressed THEN NULL ELSE round(100 * r.ci_upper, 1) END AS ci_upper_pct,
       CASE WHEN r.suppressed THEN NULL ELSE round(100 * (r.rate - o.overall_rate), 1) END AS gap_to_overall_pp,
       r.suppressed
FROM gold_measure_rates r
JOIN latest l USING (measure_id, period_start)
LEFT JOIN overall o USING (measure_id, period_start)
ORDER BY r.measure_id, r.dimension = 'overall' DESC, r.dimension, r.stratum;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Groups whose interval lies entirely outside the all-patient interval
-- MAGIC A quick screen only; the equity stage's AHRQ better / worse / same call (gold_disparities) is the formal test.

-- COMMAND ----------

SELECT g.measure_id, g.period_start, g.dimension, g.stratum,
       round(100 * g.rate, 1) AS rate_pct, round(100 * o.rate, 1) AS overall_pct,
       CASE WHEN g.ci_upper < o.ci_lower THEN 'below' ELSE 'above' END AS direction
FROM gold_measure_rates g
JOIN gold_measure_rates o
  ON o.measure_id = g.measure_id AND o.period_start = g.period_start AND o.dimension = 'overall'
WHERE g.dimension <> 'overall' AND NOT g.suppressed AND NOT o.suppressed
  AND (g.ci_upper < o.ci_lower OR g.ci_lower > o.ci_upper)
ORDER BY g.measure_id, g.period_start, g.dimension, g.stratum;
