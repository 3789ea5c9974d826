package io.carelens.jobs.evaluation;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.jobs.equity.EquitySettings;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Each person's stratum in every evaluated dimension, in long form ({@code person_id}, {@code dimension},
 * {@code stratum}), with the row {@code overall / all} for everyone. The strata are the equity stage's
 * ({@link io.carelens.jobs.equity.PersonStrata}) for the performance period, so a group means the same in both
 * stages, and a person keeps one stratum in both periods: within-person changes stay within a stratum.
 */
final class EvaluationStrata {
    static final String OVERALL = "overall";
    static final String ALL = "all";

    private EvaluationStrata() {
    }

    /**
     * @param equity the equity settings (age bands, languages) the strata are derived with
     * @param ids the person ids of the gold tables the strata are joined to
     * @return person_id (as {@code ids} gives it), dimension, stratum
     */
    static Dataset<Row> build(Warehouse warehouse, EquitySettings equity, EvaluationSettings settings, PersonIds ids) {
        StructType periodSchema = new StructType().add("period_start", DataTypes.DateType)
                .add("period_end", DataTypes.DateType);
        Dataset<Row> performance = warehouse.spark().createDataFrame(List.of(RowFactory.create(
                Date.valueOf(settings.performance().start()), Date.valueOf(settings.performance().end()))), periodSchema);
        Dataset<Row> persons = ids.apply(new io.carelens.jobs.equity.PersonStrata(equity.withDimensions(
                settings.dimensions())).build(warehouse, performance));
        List<Column> pairs = new ArrayList<>();
        pairs.add(struct(lit(OVERALL).alias("dimension"), lit(ALL).alias("stratum")));
        for (String d : settings.dimensions()) {
            pairs.add(struct(lit(d).alias("dimension"), col(d).alias("stratum")));
        }
        return persons.select(col("person_id"), explode(array(pairs.toArray(Column[]::new))).alias("s"))
                .select(col("person_id"), col("s.dimension").alias("dimension"), col("s.stratum").alias("stratum"));
    }
}
