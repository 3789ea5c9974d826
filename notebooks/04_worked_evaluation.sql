-- Databricks notebook source
-- MAGIC %md
-- MAGIC # A worked evaluation: difference-in-differences by hand
-- MAGIC The program's effect on ED visits, worked from the published rates: the change in the intervention arm
-- MAGIC minus the change in the comparison arm, first period (before) to last period (after),
-- MAGIC DiD = (T_after − T_before) − (C_after − C_before). Then the evaluation stage's own estimates
-- MAGIC (`gold_evaluation`), which add standard errors and intervals.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The four cells: ED visits per 1,000 person-years by arm and period

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW did_cells AS
WITH ed AS (
  SELECT period_start, arm, rate
  FROM gold_utilization_rates
  WHERE measure_id = 'ED_VISITS' AND dimension = 'overall' AND practice_id = 'all'
    AND NOT suppressed
),
bounds AS (SELECT min(period_start) AS before_period, max(period_start) AS after_period FROM ed)
SELECT arm,
       max(CASE WHEN period_start = before_period THEN rate END) AS before_rate,
       max(CASE WHEN period_start = after_period THEN rate END) AS after_rate
FROM ed CROSS JOIN bounds
GROUP BY arm;

-- COMMAND ----------

SELECT arm, round(before_rate, 1) AS before_rate, round(after_rate, 1) AS after_rate,
       round(after_rate - before_rate, 1) AS change
FROM did_cells
ORDER BY arm DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The difference-in-differences
-- MAGIC A negative value means ED visits fell more (or rose less) in the intervention arm than in the comparison arm.

-- COMMAND ----------

SELECT round(sum(CASE WHEN arm = 'intervention' THEN after_rate - before_rate END)
           - sum(CASE WHEN arm = 'comparison' THEN after_rate - before_rate END), 1) AS did_per_1000_person_years
FROM did_cells;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The evaluation stage's estimates, with intervals

-- COMMAND ----------

SELECT * FROM gold_evaluation;
