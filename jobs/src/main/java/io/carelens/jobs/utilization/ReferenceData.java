package io.carelens.jobs.utilization;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The bundled utilization reference tables (jobs/src/main/resources/reference/utilization, see PROVENANCE.md): the
 * Johnston ICD-10 NYU ED table and the AHRQ PQI value sets. Both are small, so they are read from the classpath on the
 * driver (which also works from a jar) and handed to Spark as tables to broadcast.
 */
public final class ReferenceData {
    static final String JOHNSTON = "/reference/utilization/tuva_ed_classification__johnston_icd10.csv";
    static final String PQI_VALUE_SETS = "/reference/utilization/tuva_pqi__value_sets.csv";

    /** The Johnston columns, in file order after {@code icd10}. */
    static final List<String> NYU_COLUMNS = List.of("edcnnpa", "edcnpa", "epct", "noner", "injury", "psych",
            "alcohol", "drug");

    static final StructType JOHNSTON_SCHEMA = johnstonSchema();
    static final StructType PQI_SCHEMA = new StructType()
            .add("code", DataTypes.StringType, false)
            .add("value_set_name", DataTypes.StringType, false)
            .add("pqi_number", DataTypes.StringType, false);

    private static List<Row> johnstonRows;
    private static List<Row> pqiRows;

    private ReferenceData() {
    }

    /** {@code icd10} (uppercase, no dot) and the eight NYU columns as doubles; one row per code. */
    public static Dataset<Row> johnstonIcd10(SparkSession spark) {
        return spark.createDataFrame(johnston(), JOHNSTON_SCHEMA);
    }

    /** {@code code, value_set_name, pqi_number}, all strings; a code may be in several value sets. */
    public static Dataset<Row> pqiValueSets(SparkSession spark) {
        return spark.createDataFrame(pqi(), PQI_SCHEMA);
    }

    private static synchronized List<Row> johnston() {
        if (johnstonRows == null) {
            johnstonRows = read(JOHNSTON, "icd10,edcnnpa,edcnpa,epct,noner,injury,psych,alcohol,drug", f -> {
                Object[] values = new Object[f.length];
                values[0] = f[0];
                for (int i = 1; i < f.length; i++) {
                    values[i] = Double.parseDouble(f[i]);
                }
                return RowFactory.create(values);
            });
        }
        return johnstonRows;
    }

    private static synchronized List<Row> pqi() {
        if (pqiRows == null) {
            pqiRows = read(PQI_VALUE_SETS, "code,value_set_name,pqi_number", f -> RowFactory.create(f[0], f[1], f[2]));
        }
        return pqiRows;
    }

    private static List<Row> read(String resource, String header, Function<String[], Row> toRow) {
        int width = header.split(",").length;
        try (InputStream in = ReferenceData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference table missing from the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String first = reader.readLine();
            if (!header.equals(first)) {
                throw new IllegalStateException(resource + ": unexpected header '" + first + "'");
            }
            List<Row> rows = new ArrayList<>();
            int line = 1;
            for (String s = reader.readLine(); s != null; s = reader.readLine()) {
                line++;
                String[] fields = s.split(",", -1);
                if (fields.length != width) {
                    throw new IllegalStateException(resource + " line " + line + ": expected " + width + " fields");
                }
                rows.add(toRow.apply(fields));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static StructType johnstonSchema() {
        StructType s = new StructType().add("icd10", DataTypes.StringType, false);
        for (String c : NYU_COLUMNS) {
            s = s.add(c, DataTypes.DoubleType, false);
        }
        return s;
    }
}
