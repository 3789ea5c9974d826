package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;

import io.carelens.common.period.ReportingPeriod;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * How the measures evaluate every measurement period in one Spark plan: each person, record and encounter appears
 * once per period, its id suffixed with the period ({@code p42} becomes {@code p42␀2025-01-01␀2025-12-31}, ␀ being
 * U+0000). Every join, group and window a measure writes on these ids then stays within one period without the
 * measure saying so, and the period of a row is read back from its person key. The separator sorts before every
 * character, so suffixed ids keep the order of the ids (ties broken by record id stay the same). The engine strips
 * the suffix when it writes {@code gold/measure_patient}.
 */
final class PeriodKey {
    private static final String SEPARATOR = "\u0000";
    /** The length of {@code ␀yyyy-MM-dd␀yyyy-MM-dd}. */
    private static final int SUFFIX_LENGTH = 22;
    private static final String SUFFIX = "period_suffix";

    private PeriodKey() {
    }

    /** One row per period: its key suffix. */
    static Dataset<Row> suffixes(SparkSession spark, List<ReportingPeriod> periods) {
        List<Row> rows = periods.stream().map(p -> RowFactory.create(SEPARATOR + p.start() + SEPARATOR + p.end())).toList();
        return spark.createDataFrame(rows, new StructType().add(SUFFIX, DataTypes.StringType));
    }

    /** {@code rows} once per period, with each of {@code idColumns} (null stays null) suffixed by the period. */
    static Dataset<Row> fold(Dataset<Row> rows, Dataset<Row> suffixes, String... idColumns) {
        Dataset<Row> perPeriod = rows.crossJoin(broadcast(suffixes));
        for (String id : idColumns) {
            perPeriod = perPeriod.withColumn(id, concat(col(id), col(SUFFIX)));
        }
        return perPeriod.drop(SUFFIX);
    }

    /** The source id of a period key. */
    static Column id(Column key) {
        return key.substr(lit(1), length(key).minus(SUFFIX_LENGTH));
    }

    /** The first day of a period key's period. */
    static Column start(Column key) {
        return to_date(substring(key, -(SUFFIX_LENGTH - 1), 10));
    }

    /** The last day of a period key's period. */
    static Column end(Column key) {
        return to_date(substring(key, -10, 10));
    }
}
