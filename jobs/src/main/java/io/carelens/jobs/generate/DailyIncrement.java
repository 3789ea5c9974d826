package io.carelens.jobs.generate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.xxhash64;

import io.carelens.jobs.run.Progress;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * A day's extract for a population generated earlier ({@code generate --increment-of DIR --day D --fraction F}),
 * the shape of what a quality team receives every night: for a share {@code F} of the people a new office visit on
 * day D with an HbA1c result; corrections of existing results (half of F); a few deaths (F / 20) and coverage spans
 * ended 15 days before D (F / 10); and deletions of results entered in error (F / 10, as {@code _op = delete}
 * rows). Who is picked depends only on the seed, the day and the row's key, so the output is byte-identical for
 * the same settings. D is meant to be a day after the population's last day.
 */
public final class DailyIncrement {
    private static final long BUCKETS = 1_000_000L;

    private final SparkSession spark;
    private final String base;
    private final LocalDate day;
    private final double fraction;
    private final long seed;
    private final Progress progress;

    public DailyIncrement(SparkSession spark, String base, LocalDate day, double fraction, long seed,
                          Progress progress) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--fraction must be above 0 and at most 1, not " + fraction);
        }
        this.spark = spark;
        this.base = base;
        this.day = day;
        this.fraction = fraction;
        this.seed = seed;
        this.progress = progress;
    }

    /** Writes the increment's patient, coverage, encounter and observation tables under {@code out}. */
    public void write(String out) {
        CsvWriter writer = new CsvWriter(spark, out, 1);
        Dataset<Row> patients = table("patient");
        Dataset<Row> encounters = table("encounter");
        Dataset<Row> observations = table("observation");
        Column date = lit(java.sql.Date.valueOf(day));

        Dataset<Row> alive = patients.where(col("deceased_date").isNull()
                .and(col("birth_date").cast(DataTypes.DateType).leq(date)));
        Dataset<Row> practices = encounters.where(col("practice_id").isNotNull()).groupBy("person_id").agg(
                max_by(col("practice_id"), col("start_ts")).as("practice_id"),
                max_by(col("provider_id"), col("start_ts")).as("provider_id"));
        Dataset<Row> visitors = alive.where(picked("visit", col("person_id"), fraction)).select("person_id")
                .join(practices, "person_id", "left")
                .withColumn("encounter_id", concat(col("person_id"), lit("-" + day + "-INC")));

        step(writer, "encounter", visitors.select(col("encounter_id"), col("person_id"), lit("finished").as("status"),
                lit("AMB").as("encounter_class"), lit("CPT").as("type_system"), lit("99213").as("type_code"),
                lit(day + "T09:00:00Z").as("start_ts"), lit(day + "T09:20:00Z").as("end_ts"),
                lit(null).cast(DataTypes.StringType).as("facility_id"), col("practice_id"), col("provider_id"),
                nothing("admit_source_code"), nothing("discharge_disposition_system"),
                nothing("discharge_disposition_code"), col("person_id").as("_k1"), col("encounter_id").as("_k2")));
        step(writer, "observation", observations(visitors, observations));
        step(writer, "patient", alive.where(picked("death", col("person_id"), fraction / 20))
                .withColumn("deceased_date", lit(day.toString()))
                .withColumn("_k1", col("person_id")).withColumn("_k2", col("person_id")));
        Dataset<Row> coverage = table("coverage");
        Column current = col("end_date").isNull().or(col("end_date").cast(DataTypes.DateType).geq(date_sub(date, 15)));
        step(writer, "coverage", coverage.where(current.and(picked("coverage", col("coverage_id"), fraction / 10)))
                .withColumn("end_date", greatest(col("start_date").cast(DataTypes.DateType), date_sub(date, 15))
                        .cast(DataTypes.StringType))
                .withColumn("_k1", col("person_id")).withColumn("_k2", col("coverage_id")));
        progress.step("generate", "done: the increment of " + base + " for " + day + " (fraction " + fraction
                + ", seed " + seed + ") in " + out);
    }

    /**
     * The observation file: an HbA1c result for each new visit, corrected values of existing results and deletions,
     * with {@code _op} saying which.
     */
    private Dataset<Row> observations(Dataset<Row> visitors, Dataset<Row> existing) {
        String[] columns = existing.columns();
        Dataset<Row> results = visitors.select(
                concat(col("encounter_id"), lit("-A1C")).as("observation_id"), col("person_id"), col("encounter_id"),
                nothing("parent_observation_id"), lit("LOINC").as("code_system"), lit("4548-4").as("code"),
                lit("final").as("status"), lit("laboratory").as("category"),
                lit(day + "T09:10:00Z").as("effective_start_ts"), nothing("effective_end_ts"),
                round(lit(5.0).plus(pmod(xxhash64(lit(seed), col("person_id")), lit(60)).divide(10)), 1)
                        .cast(DataTypes.StringType).as("value_num"),
                lit("%").as("value_unit"), nothing("value_code_system"), nothing("value_code"),
                nothing("reason_code_system"), nothing("reason_code"));
        Column deleted = picked("delete", col("observation_id"), fraction / 10);
        Dataset<Row> corrected = existing.where(col("value_num").isNotNull().and(deleted.unary_$bang())
                        .and(picked("correct", col("observation_id"), fraction / 2)))
                .withColumn("value_num", round(col("value_num").cast(DataTypes.DoubleType).plus(0.1), 2)
                        .cast(DataTypes.StringType));
        Dataset<Row> deletions = existing.where(deleted).select(Arrays.stream(columns)
                .map(c -> c.equals("observation_id") ? col(c) : nothing(c)).toArray(Column[]::new));
        return results.withColumn("_op", lit("upsert"))
                .unionByName(corrected.withColumn("_op", lit("upsert")))
                .unionByName(deletions.withColumn("_op", lit("delete")))
                .withColumn("_k1", coalesce(col("person_id"), col("observation_id")))
                .withColumn("_k2", col("observation_id"));
    }

    /** True for about {@code share} of the keys, the same ones for the same seed, day and purpose. */
    private Column picked(String purpose, Column key, double share) {
        return pmod(xxhash64(lit(seed), lit(day.toString()), lit(purpose), key), lit(BUCKETS))
                .lt(lit(Math.round(share * BUCKETS)));
    }

    private static Column nothing(String name) {
        return lit(null).cast(DataTypes.StringType).as(name);
    }

    private void step(CsvWriter writer, String table, Dataset<Row> rows) {
        progress.step("generate", "writing " + table);
        writer.write(table, rows, true);
    }

    /** A table of the base population, every column as text: {@code <table>.csv} or the folder {@code <table>/}. */
    private Dataset<Row> table(String name) {
        Path file = new Path(base, name + ".csv");
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path source = fs.exists(file) ? file : new Path(base, name);
            if (!fs.exists(source)) {
                throw new IllegalArgumentException("--increment-of " + base + " has no table " + name
                        + " (expected " + name + ".csv or a folder " + name + "/)");
            }
            return spark.read().option("header", "true").csv(source.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
