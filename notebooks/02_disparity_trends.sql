-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Disparity trends across periods
-- MAGIC How the gap between patient groups moves from one measurement period to the next, per measure and
-- MAGIC dimension, from `gold_measure_rates`; then the equity stage's published metrics and better / worse / same
-- MAGIC calls from `gold_disparities`. Only unsuppressed groups enter the gaps.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Range between the highest and lowest group, per period
-- MAGIC `range_pp` is the absolute gap (percentage points), `ratio` the relative one (highest / lowest).
-- MAGIC The `unknown` group is left out: it is not a population.

-- COMMAND ----------

SELECT measure_id, dimension, period_start,
       count(*) AS groups,
       round(100 * (max(rate) - min(rate)), 1) AS range_pp,
       round(max(rate) / nullif(min(rate), 0), 2) AS ratio
FROM gold_measure_rates
WHERE dimension <> 'overall' AND NOT suppressed AND stratum <> 'unknown'
GROUP BY measure_id, dimension, period_start
HAVING count(*) >= 2
ORDER BY measure_id, dimension, period_start;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Change of each group's rate between the first and the last period

-- COMMAND ----------

WITH bounds AS (
  SELECT measure_id, min(period_start) AS first_period, max(period_start) AS last_period
  FROM gold_measure_rates GROUP BY measure_id
)
SELECT f.measure_id, f.dimension, f.stratum, b.first_period, b.last_period,
       round(100 * f.rate, 1) AS first_pct, round(100 * l.rate, 1) AS last_pct,
       round(100 * (l.rate - f.rate), 1) AS change_pp
FROM bounds b
JOIN gold_measure_rates f ON f.measure_id = b.measure_id AND f.period_start = b.first_period
JOIN gold_measure_rates l ON l.measure_id = f.measure_id AND l.period_start = b.last_period
  AND l.dimension = f.dimension AND l.stratum = f.stratum
WHERE b.first_period < b.last_period AND NOT f.suppressed AND NOT l.suppressed
ORDER BY f.measure_id, f.dimension, f.stratum;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The equity stage's results, as published

-- COMMAND ----------

SELECT * FROM gold_disparities ORDER BY measure_id, period_start, dimension;
