package io.carelens.jobs.ingest.fhir;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark schemas of the FHIR R4 data types CareLens reads. Resource schemas list only the elements a mapping uses;
 * the JSON reader ignores every other element. Extensions are read two levels deep (US Core race and ethnicity
 * nest their codings one level down).
 */
final class FhirTypes {
    static final DataType STRING = DataTypes.StringType;

    static final StructType CODING = new StructType().add("system", STRING).add("code", STRING).add("display", STRING);
    static final StructType CODEABLE_CONCEPT = new StructType().add("coding", array(CODING)).add("text", STRING);
    static final StructType REFERENCE = new StructType().add("reference", STRING).add("display", STRING);
    static final StructType PERIOD = new StructType().add("start", STRING).add("end", STRING);
    static final StructType QUANTITY = new StructType().add("value", DataTypes.DoubleType).add("unit", STRING)
            .add("system", STRING).add("code", STRING);
    static final StructType IDENTIFIER = new StructType().add("system", STRING).add("value", STRING);

    private static final StructType EXTENSION_LEAF = new StructType()
            .add("url", STRING)
            .add("valueCode", STRING)
            .add("valueString", STRING)
            .add("valueBoolean", DataTypes.BooleanType)
            .add("valueDateTime", STRING)
            .add("valueCoding", CODING)
            .add("valueCodeableConcept", CODEABLE_CONCEPT)
            .add("valueReference", REFERENCE);
    static final StructType EXTENSION = EXTENSION_LEAF.add("extension", array(EXTENSION_LEAF));

    private FhirTypes() {
    }

    static ArrayType array(DataType element) {
        return DataTypes.createArrayType(element);
    }

    /** The elements every resource schema starts with. */
    static StructType resource() {
        return new StructType().add("resourceType", STRING).add("id", STRING)
                .add("extension", array(EXTENSION)).add("modifierExtension", array(EXTENSION));
    }
}
