-- Databricks notebook source
-- MAGIC %md
-- MAGIC # ED avoidance drill-down
-- MAGIC Emergency-department visits by NYU ED-algorithm category (Johnston ICD-10 version): rates per 1,000
-- MAGIC person-years by period and arm from `gold_utilization_rates`, then the diagnoses behind the potentially
-- MAGIC avoidable visits from `gold_ed_visits` (one row per visit; NYU categories are probabilities that sum to 1).

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Rates by category, period and arm (program level, all practices)

-- COMMAND ----------

SELECT measure_id, period_start, program_id, arm,
       CASE WHEN suppressed THEN NULL ELSE round(events, 1) END AS expected_visits,
       CASE WHEN suppressed THEN NULL ELSE round(rate, 1) END AS per_1000_person_years,
       suppressed
FROM gold_utilization_rates
WHERE measure_id LIKE 'ED%' AND dimension = 'overall' AND practice_id = 'all'
ORDER BY period_start, program_id, arm, measure_id;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Share of visits in each category, by year
-- MAGIC Potentially avoidable = non-emergent + primary-care treatable + emergent but preventable.

-- COMMAND ----------

SELECT year(visit_date) AS year,
       count(*) AS visits,
       round(sum(ne) / count(*), 3) AS non_emergent,
       round(sum(epct) / count(*), 3) AS primary_care_treatable,
       round(sum(edcnpa) / count(*), 3) AS emergent_preventable,
       round(sum(edcnnpa) / count(*), 3) AS emergent_not_preventable,
       round(sum(injury + mental + alcohol + drug) / count(*), 3) AS special_categories,
       round(sum(unclassified) / count(*), 3) AS unclassified,
       round(sum(ne + epct + edcnpa) / count(*), 3) AS potentially_avoidable
FROM gold_ed_visits
GROUP BY year(visit_date)
ORDER BY year;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Diagnoses behind the potentially avoidable visits
-- MAGIC Expected avoidable visits per principal diagnosis. Diagnoses with fewer than 11 visits are grouped as
-- MAGIC `(small groups)` so that no small cell is shown.

-- COMMAND ----------

WITH by_dx AS (
  SELECT principal_dx_code, count(*) AS visits, sum(ne + epct + edcnpa) AS avoidable
  FROM gold_ed_visits
  WHERE mapped
  GROUP BY principal_dx_code
)
SELECT CASE WHEN visits >= 11 THEN principal_dx_code ELSE '(small groups)' END AS principal_dx,
       sum(visits) AS visits, round(sum(avoidable), 1) AS expected_avoidable_visits
FROM by_dx
GROUP BY CASE WHEN visits >= 11 THEN principal_dx_code ELSE '(small groups)' END
ORDER BY expected_avoidable_visits DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Visits the algorithm could not classify

-- COMMAND ----------

SELECT sum(CASE WHEN mapped THEN 0 ELSE 1 END) AS unmapped_visits, count(*) AS visits,
       round(sum(CASE WHEN mapped THEN 0 ELSE 1 END) / count(*), 3) AS unmapped_share
FROM gold_ed_visits;
