package io.carelens.jobs.caregaps;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Hand-made {@code gold/measure_patient} rows and attribution spans for the care-gap tests. */
public final class CareGapsFixture {
    public static final Date START_2025 = Date.valueOf("2025-01-01");
    public static final Date END_2025 = Date.valueOf("2025-12-31");

    private final List<Row> patients = new ArrayList<>();
    private final List<Row> spans = new ArrayList<>();

    /** A person's populations for a measure in 2025 (flags den, denex, num, exc) and the evidence gold holds. */
    public CareGapsFixture person(String person, String measure, int den, int denex, int num, int exc, String evidence) {
        return person(person, measure, START_2025, END_2025, den, denex, num, exc, evidence);
    }

    public CareGapsFixture person(String person, String measure, Date start, Date end, int den, int denex, int num,
                                  int exc, String evidence) {
        patients.add(RowFactory.create(person, measure, start, end, 1, den, denex, num, exc, null, evidence));
        return this;
    }

    /** An attribution span; {@code end} null = open. */
    public CareGapsFixture attributed(String person, String practice, String start, String end) {
        spans.add(RowFactory.create(person, "PCF-DEMO", practice, "intervention", Date.valueOf(start),
                end == null ? null : Date.valueOf(end)));
        return this;
    }

    public Dataset<Row> measurePatient(SparkSession spark) {
        StructType schema = new StructType()
                .add("person_id", DataTypes.StringType)
                .add("measure_id", DataTypes.StringType)
                .add("period_start", DataTypes.DateType)
                .add("period_end", DataTypes.DateType)
                .add("initial_population", DataTypes.IntegerType)
                .add("denominator", DataTypes.IntegerType)
                .add("denominator_exclusion", DataTypes.IntegerType)
                .add("numerator", DataTypes.IntegerType)
                .add("denominator_exception", DataTypes.IntegerType)
                .add("stratum", DataTypes.StringType)
                .add("evidence", DataTypes.StringType);
        return spark.createDataFrame(patients, schema);
    }

    /** In the shape of {@code silver/attribution}. */
    public Dataset<Row> attribution(SparkSession spark) {
        StructType schema = new StructType()
                .add("person_id", DataTypes.StringType)
                .add("program_id", DataTypes.StringType)
                .add("practice_id", DataTypes.StringType)
                .add("arm", DataTypes.StringType)
                .add("start_date", DataTypes.DateType)
                .add("end_date", DataTypes.DateType);
        return spark.createDataFrame(spans, schema);
    }
}
