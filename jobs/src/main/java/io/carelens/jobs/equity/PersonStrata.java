package io.carelens.jobs.equity;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.spark.Ages;
import io.carelens.common.config.ConfigurationException;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Each person's stratum in every dimension, once per period: age band (age at the end of the period), sex, race,
 * ethnicity, CMS's combined race and ethnicity, payer and dual status in the period, rurality and area-deprivation
 * quintile of the residence, preferred language, and the user's own patient or area columns. A missing value is the
 * group {@value #UNKNOWN}, never dropped.
 *
 * <p>Payer is the payer type of the coverage span that covers most days of the period (the later span on a tie);
 * dual status is the most integrated status of any span in the period (full, then partial, then none). The area is
 * the residence's ZIP code row of {@code silver/area}, else its county row.
 */
public final class PersonStrata {
    /** The group of a person whose value is missing; always reported. */
    public static final String UNKNOWN = "unknown";
    /** The column holding the age in whole years at the end of the period. */
    public static final String AGE = "age";

    private final EquitySettings settings;

    public PersonStrata(EquitySettings settings) {
        this.settings = settings;
    }

    /**
     * Strata of every patient in every period.
     *
     * @param warehouse holds silver/patient, and optionally silver/coverage and silver/area
     * @param periods distinct {@code period_start, period_end}
     * @return person_id, period_start, period_end, age and one string column per dimension
     */
    public Dataset<Row> build(Warehouse warehouse, Dataset<Row> periods) {
        Dataset<Row> patient = warehouse.read(CanonicalTable.PATIENT.silverPath());
        requireColumns(patient, "patient");
        Dataset<Row> residence = withArea(warehouse, patient);
        Dataset<Row> persons = residence.crossJoin(periods);
        persons = withCoverage(warehouse, persons);

        Column end = col("period_end");
        Column birth = col("birth_date");
        Column age = Ages.wholeYears(birth, end);

        List<Column> out = new ArrayList<>(List.of(col("person_id"), col("period_start"), col("period_end"),
                age.alias(AGE)));
        for (String d : settings.dimensions()) {
            out.add(known(builtIn(d, age)).alias(d));
        }
        for (EquitySettings.CustomDimension d : settings.custom()) {
            out.add(known(lower(trim(col(customColumn(d)).cast("string")))).alias(d.name()));
        }
        return persons.select(out.toArray(Column[]::new));
    }

    private Column builtIn(String dimension, Column age) {
        return switch (dimension) {
            case "age_band" -> ageBand(age);
            case "sex" -> lower(col("sex"));
            case "race" -> lower(col("race"));
            case "ethnicity" -> lower(col("ethnicity"));
            case "race_ethnicity" -> raceEthnicity();
            case "payer" -> col("payer");
            case "dual_status" -> col("dual");
            case "rurality" -> lower(col("area_rurality"));
            case "adi_quintile" -> ceil(col("area_adi").cast("double").divide(20)).cast("int").cast("string");
            case "preferred_language" -> language();
            default -> throw new ConfigurationException("unknown dimension " + dimension);
        };
    }

    /** Age bands from the configured lower bounds, e.g. 18-44 and 75+; ages below the first bound are unknown. */
    private Column ageBand(Column age) {
        List<Integer> bounds = settings.ageBands();
        Column band = lit(null).cast("string");
        for (int i = 0; i < bounds.size(); i++) {
            String label = i == bounds.size() - 1 ? bounds.get(i) + "+" : bounds.get(i) + "-" + (bounds.get(i + 1) - 1);
            band = when(age.geq(bounds.get(i)), lit(label)).otherwise(band);
        }
        return band;
    }

    /** CMS's combined category: Hispanic of any race, else non-Hispanic by race; unknown ethnicity is unknown. */
    private static Column raceEthnicity() {
        Column race = lower(col("race"));
        Column byRace = when(race.equalTo("white"), "non_hispanic_white")
                .when(race.equalTo("black_or_african_american"), "non_hispanic_black")
                .when(race.equalTo("asian"), "non_hispanic_asian")
                .when(race.equalTo("american_indian_or_alaska_native"), "non_hispanic_aian")
                .when(race.equalTo("native_hawaiian_or_other_pacific_islander"), "non_hispanic_nhpi")
                .when(race.equalTo("multiple"), "non_hispanic_multiple")
                .when(race.equalTo("other"), "non_hispanic_other");
        Column ethnicity = lower(col("ethnicity"));
        return when(ethnicity.equalTo("hispanic_or_latino"), "hispanic")
                .when(ethnicity.equalTo("not_hispanic_or_latino"), byRace);
    }

    /** The BCP-47 primary subtag when it is a listed language, "other" for any other language. */
    private Column language() {
        Column primary = lower(split(trim(col("preferred_language")), "[-_]").getItem(0));
        return when(primary.isNull().or(primary.equalTo("")), lit(null))
                .when(primary.isin(settings.languages().toArray()), primary)
                .otherwise(lit("other"));
    }

    private static Column known(Column value) {
        return when(value.isNull().or(trim(value).equalTo("")).or(lower(value).equalTo(UNKNOWN)), lit(UNKNOWN))
                .otherwise(value);
    }

    private String customColumn(EquitySettings.CustomDimension d) {
        return d.table().equals("patient") ? d.column() : "area_" + d.column();
    }

    /** Adds the residence's rurality, ADI and user area columns (ZIP row first, county row as fallback). */
    private Dataset<Row> withArea(Warehouse warehouse, Dataset<Row> patient) {
        List<String> areaColumns = new ArrayList<>(List.of("rurality", "adi_national_percentile"));
        settings.custom().stream().filter(d -> d.table().equals("area")).forEach(d -> areaColumns.add(d.column()));
        String areaPath = CanonicalTable.AREA.silverPath();
        if (!warehouse.exists(areaPath)) {
            Dataset<Row> p = patient.withColumn("area_rurality", lit(null).cast("string"))
                    .withColumn("area_adi", lit(null).cast("int"));
            for (EquitySettings.CustomDimension d : settings.custom()) {
                if (d.table().equals("area")) {
                    p = p.withColumn("area_" + d.column(), lit(null).cast("string"));
                }
            }
            return p;
        }
        Dataset<Row> area = warehouse.read(areaPath);
        requireColumns(area, "area");
        Dataset<Row> zip = areaOf(area, "postal_code", "zip", areaColumns);
        Dataset<Row> county = areaOf(area, "county", "cty", areaColumns);
        Dataset<Row> joined = patient
                .join(zip, patient.col("postal_code").equalTo(zip.col("zip_code")), "left")
                .join(county, patient.col("county_fips").equalTo(county.col("cty_code")), "left");
        for (String c : areaColumns) {
            String name = c.equals("adi_national_percentile") ? "area_adi" : "area_" + c;
            joined = joined.withColumn(name, coalesce(col("zip_" + c), col("cty_" + c)));
        }
        List<String> drop = new ArrayList<>(List.of("zip_code", "cty_code"));
        areaColumns.forEach(c -> {
            drop.add("zip_" + c);
            drop.add("cty_" + c);
        });
        return joined.drop(drop.toArray(String[]::new));
    }

    private static Dataset<Row> areaOf(Dataset<Row> area, String type, String prefix, List<String> columns) {
        List<Column> select = new ArrayList<>(List.of(col("area_code").alias(prefix + "_code")));
        columns.forEach(c -> select.add(col(c).alias(prefix + "_" + c)));
        return area.where(col("area_type").equalTo(type)).select(select.toArray(Column[]::new))
                .dropDuplicates(prefix + "_code");
    }

    /** Adds {@code payer} and {@code dual} for each person and period. */
    private static Dataset<Row> withCoverage(Warehouse warehouse, Dataset<Row> persons) {
        String path = CanonicalTable.COVERAGE.silverPath();
        if (!warehouse.exists(path)) {
            return persons.withColumn("payer", lit(null).cast("string")).withColumn("dual", lit(null).cast("string"));
        }
        Dataset<Row> periods = persons.select("period_start", "period_end").distinct();
        Dataset<Row> spans = warehouse.read(path).select(col("person_id").alias("cov_person"), col("start_date"),
                col("end_date"), lower(col("payer_type")).alias("payer_type"),
                lower(col("dual_status")).alias("dual_status"));
        Column overlapEnd = least(coalesce(col("end_date"), col("period_end")), col("period_end"));
        Column overlapStart = greatest(col("start_date"), col("period_start"));
        Dataset<Row> overlapping = spans.crossJoin(periods)
                .withColumn("days", datediff(overlapEnd, overlapStart).plus(1))
                .where(col("days").gt(0));
        Dataset<Row> payer = overlapping
                .withColumn("rank", row_number().over(Window.partitionBy("cov_person", "period_start", "period_end")
                        .orderBy(col("days").desc(), col("start_date").desc(), col("payer_type"))))
                .where(col("rank").equalTo(1))
                .select(col("cov_person"), col("period_start").alias("cov_start"), col("period_end").alias("cov_end"),
                        col("payer_type").alias("payer"));
        Column dualRank = when(col("dual_status").equalTo("full"), 3).when(col("dual_status").equalTo("partial"), 2)
                .when(col("dual_status").equalTo("none"), 1).otherwise(0);
        Dataset<Row> dual = overlapping.groupBy(col("cov_person").alias("dual_person"),
                        col("period_start").alias("dual_start"), col("period_end").alias("dual_end"))
                .agg(max(dualRank).alias("dual_rank"))
                .withColumn("dual", when(col("dual_rank").equalTo(3), "full").when(col("dual_rank").equalTo(2), "partial")
                        .when(col("dual_rank").equalTo(1), "none"))
                .drop("dual_rank");
        return persons
                .join(payer, persons.col("person_id").equalTo(payer.col("cov_person"))
                        .and(persons.col("period_start").equalTo(payer.col("cov_start")))
                        .and(persons.col("period_end").equalTo(payer.col("cov_end"))), "left")
                .join(dual, persons.col("person_id").equalTo(dual.col("dual_person"))
                        .and(persons.col("period_start").equalTo(dual.col("dual_start")))
                        .and(persons.col("period_end").equalTo(dual.col("dual_end"))), "left")
                .drop("cov_person", "cov_start", "cov_end", "dual_person", "dual_start", "dual_end");
    }

    private void requireColumns(Dataset<Row> table, String name) {
        List<String> present = Arrays.asList(table.columns());
        for (EquitySettings.CustomDimension d : settings.custom()) {
            if (d.table().equals(name) && !present.contains(d.column())) {
                throw new ConfigurationException("carelens.equity.custom-dimensions: silver/" + name
                        + " has no column '" + d.column() + "' (dimension " + d.name() + ")");
            }
        }
    }
}
