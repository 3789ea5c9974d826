package io.carelens.common.spark;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;

/** Aggregates given as a list, where Spark's {@code agg} takes the first one and then the rest. */
public final class Aggregations {
    private Aggregations() {
    }

    /** The groups with one column per aggregate, in order; at least one aggregate. */
    public static Dataset<Row> of(RelationalGroupedDataset groups, List<Column> aggregates) {
        return groups.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    }
}
