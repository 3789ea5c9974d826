package io.carelens.jobs.generate;

import io.carelens.jobs.run.Progress;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Synthetic canonical data for demos, tests and benchmarks: people with coverage, attribution to a two-arm
 * programme, encounters, diagnoses, observations, procedures, medications, orders and social-needs referrals over
 * several years, with the effects of {@link PlantedEffects}. Everything is computed in Spark from the seed, so the
 * output is byte-identical for the same settings at any scale.
 */
public final class Generator {
    private final SparkSession spark;
    private final GeneratorSettings settings;
    private final Progress progress;

    public Generator(SparkSession spark, GeneratorSettings settings, Progress progress) {
        this.spark = spark;
        this.settings = settings;
        this.progress = progress;
    }

    /** Writes every canonical table under {@code out}. */
    public void generate(String out) {
        prepare(out);
        Population population = new Population(spark, settings);
        Encounters encounters = new Encounters(spark, settings);
        Diagnoses diagnoses = new Diagnoses(settings);
        CareEvents care = new CareEvents(settings);
        Screenings screenings = new Screenings(settings);
        CsvWriter writer = new CsvWriter(spark, out, settings.parts());

        Dataset<Row> people = population.people().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> personYears = encounters.personYears(people).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> visits = encounters.visits(personYears).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> occasions = screenings.occasions(visits).persist(StorageLevel.MEMORY_AND_DISK());

        write(writer, "area", population.areaTable(), true);
        write(writer, "patient", population.patientTable(people), false);
        write(writer, "coverage", population.coverageTable(people), false);
        write(writer, "attribution", population.attributionTable(people), false);
        write(writer, "encounter", encounters.encounterTable(visits), false);
        write(writer, "condition", diagnoses.conditionTable(visits, people), false);
        write(writer, "observation", care.bloodPressure(visits).unionByName(care.hba1c(visits))
                .unionByName(care.phq9(visits)).unionByName(care.mammography(personYears))
                .unionByName(screenings.observations(occasions)), false);
        write(writer, "procedure", care.procedures(personYears).unionByName(screenings.procedures(occasions)), false);
        write(writer, "medication", care.prescriptions(personYears).unionByName(screenings.medications(occasions)), false);
        write(writer, "request", care.requests(people, personYears), false);
        write(writer, "referral", screenings.referrals(occasions), false);

        occasions.unpersist();
        visits.unpersist();
        personYears.unpersist();
        people.unpersist();
        progress.step("generate", "done: " + settings.people() + " people, " + settings.startYear() + "-"
                + settings.endYear() + " through " + settings.through() + ", seed " + settings.seed() + ", in " + out);
    }

    private void write(CsvWriter writer, String table, Dataset<Row> rows, boolean singleFile) {
        progress.step("generate", "writing " + table);
        writer.write(table, rows, singleFile);
    }

    private void prepare(String out) {
        try {
            FileSystem fs = new Path(out).getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.mkdirs(new Path(out));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + out + ": " + e.getMessage(), e);
        }
    }
}
