package io.carelens.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/** The schema a writer takes from the contract conforms to it, column for column and in its order. */
class GoldTableSchemaTest {

    @Test
    void everyTablesSchemaConformsToItsContract() {
        for (GoldTable table : GoldTable.values()) {
            assertEquals(List.of(), table.schemaProblems(table.schema()), table.name());
            assertEquals(table.columns().stream().map(GoldColumn::name).toList(),
                    List.of(table.schema().fieldNames()), table.name() + ": contract order");
        }
    }

    @Test
    void everyColumnIsNullable() {
        for (GoldTable table : GoldTable.values()) {
            for (StructField f : table.schema().fields()) {
                assertTrue(f.nullable(), table.name() + "." + f.name());
            }
        }
    }
}
