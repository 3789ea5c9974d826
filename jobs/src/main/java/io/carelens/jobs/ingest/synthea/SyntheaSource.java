package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.col;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.CsvLines;
import io.carelens.jobs.ingest.IngestException;
import io.carelens.jobs.ingest.SourceAdapter;
import io.carelens.jobs.ingest.SourceBatch;
import io.carelens.jobs.ingest.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Synthea CSV export ({@code carelens ingest --source synthea --path DIR}): patients, encounters, conditions,
 * procedures, observations, medications, payer_transitions with payers, checked against organizations and
 * providers, mapped to the canonical tables as docs/synthea-mapping.md describes. Handles LF and CRLF files and
 * the header layouts of Synthea 2.x and 3.x (with or without SYSTEM columns). Rows it cannot map go to the
 * quarantine as {@code synthea:<file>} with MALFORMED_ROW, UNMAPPED or UNRESOLVED_REFERENCE; everything it maps
 * then passes the same validation as canonical input. patients.csv is required, the other files are optional.
 */
public final class SyntheaSource implements SourceAdapter {
    private static final List<String> FILES = List.of("patients.csv", "encounters.csv", "conditions.csv",
            "procedures.csv", "observations.csv", "medications.csv", "payer_transitions.csv", "payers.csv",
            "organizations.csv", "providers.csv");

    @Override
    public String name() {
        return "synthea";
    }

    @Override
    public SourceBatch read(SparkSession spark, String path) {
        return read(spark, path, Optional.empty());
    }

    @Override
    public SourceBatch read(SparkSession spark, CareLensConfig config, String path) {
        String map = config.raw().hasPath(SnomedToIcd10.CONFIG_KEY) ? config.raw().getString(SnomedToIcd10.CONFIG_KEY) : "";
        return read(spark, path, map.isBlank() ? Optional.empty() : Optional.of(map));
    }

    private SourceBatch read(SparkSession spark, String path, Optional<String> snomedToIcd10) {
        Map<String, SyntheaFile> files = readFiles(spark, path);
        if (!files.containsKey("patients.csv")) {
            throw new IngestException("not a Synthea CSV export: " + path + " has no patients.csv");
        }
        Optional<SyntheaFile> encountersFile = Optional.ofNullable(files.get("encounters.csv"));
        Optional<Dataset<Row>> encounterIds = encountersFile.map(f ->
                f.rows().where(col(Validator.MALFORMED).unary_$bang()).select(f.value("Id")));

        Map<CanonicalTable, Dataset<Row>> tables = new EnumMap<>(CanonicalTable.class);
        List<Dataset<Row>> rejected = new ArrayList<>();
        add(tables, rejected, CanonicalTable.PATIENT, PatientMapping.map(files.get("patients.csv")));
        Optional<Mapped> encounters = encountersFile.map(f -> EncounterMapping.map(f,
                Optional.ofNullable(files.get("organizations.csv")), Optional.ofNullable(files.get("providers.csv"))));
        encounters.ifPresent(m -> add(tables, rejected, CanonicalTable.ENCOUNTER, m));

        Mapped conditions = ConditionMapping.map(Optional.ofNullable(files.get("conditions.csv")),
                encounters.map(Mapped::rows), encounterIds);
        if (conditions != null) {
            Dataset<Row> rows = snomedToIcd10.isPresent()
                    ? loadMap(spark, snomedToIcd10.get()).expand(conditions.rows()) : conditions.rows();
            add(tables, rejected, CanonicalTable.CONDITION, new Mapped(rows, conditions.rejected()));
        }
        Optional.ofNullable(files.get("procedures.csv")).ifPresent(f ->
                add(tables, rejected, CanonicalTable.PROCEDURE, ProcedureMapping.map(f, encounterIds)));
        Optional.ofNullable(files.get("observations.csv")).ifPresent(f ->
                add(tables, rejected, CanonicalTable.OBSERVATION, ObservationMapping.map(f, encounterIds)));
        Optional.ofNullable(files.get("medications.csv")).ifPresent(f ->
                add(tables, rejected, CanonicalTable.MEDICATION, MedicationMapping.map(f, encounterIds)));
        Optional.ofNullable(files.get("payer_transitions.csv")).ifPresent(f -> add(tables, rejected,
                CanonicalTable.COVERAGE, CoverageMapping.map(f, Optional.ofNullable(files.get("payers.csv")))));
        for (String reference : List.of("payers.csv", "organizations.csv", "providers.csv")) {
            Optional.ofNullable(files.get(reference)).ifPresent(f -> rejected.add(Mapped.split(f,
                    f.rows().select(col("*"), f.firstRejection().as(SyntheaFile.REJECT),
                            f.record("Id").as(SyntheaFile.RECORD)), List.of()).rejected()));
        }
        return new SourceBatch(name(), tables, rejected.stream().reduce(Dataset::unionByName).orElse(null), Map.of(),
                unreadFiles(spark, path));
    }

    private static void add(Map<CanonicalTable, Dataset<Row>> tables, List<Dataset<Row>> rejected,
                            CanonicalTable table, Mapped mapped) {
        tables.put(table, mapped.rows());
        if (mapped.rejected() != null) {
            rejected.add(mapped.rejected());
        }
    }

    private static Map<String, SyntheaFile> readFiles(SparkSession spark, String path) {
        try {
            FileSystem fs = new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.isDirectory(new Path(path))) {
                throw new IngestException("input folder not found: " + path);
            }
            Map<String, SyntheaFile> files = new LinkedHashMap<>();
            for (String name : FILES) {
                Path file = new Path(path, name);
                if (fs.isFile(file)) {
                    CsvLines csv = CsvLines.read(spark, fs, file);
                    files.put(name, new SyntheaFile(name, csv.header(), csv.rows()));
                }
            }
            return files;
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** A warning for each file of the export that CareLens does not read (allergies.csv, imaging_studies.csv, ...). */
    private static List<String> unreadFiles(SparkSession spark, String path) {
        try {
            FileSystem fs = new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration());
            List<String> warnings = new ArrayList<>();
            for (FileStatus st : fs.listStatus(new Path(path))) {
                String n = st.getPath().getName();
                if (!FILES.contains(n) && !n.startsWith(".") && !n.startsWith("_")) {
                    warnings.add(st.getPath() + " is not a Synthea file CareLens maps: not read");
                }
            }
            warnings.sort(String::compareTo);
            return warnings;
        } catch (IOException e) {
            throw new IngestException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static SnomedToIcd10 loadMap(SparkSession spark, String mapPath) {
        try {
            Path p = new Path(mapPath);
            if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).isFile(p)) {
                throw new IngestException("the SNOMED CT to ICD-10-CM map " + mapPath + " (carelens."
                        + SnomedToIcd10.CONFIG_KEY + ") does not exist");
            }
        } catch (IOException e) {
            throw new IngestException("cannot open " + mapPath + ": " + e.getMessage());
        }
        return SnomedToIcd10.load(spark, mapPath);
    }
}
