package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Observation to {@code observation}: one row for the observation and one per component (id
 * {@code <id>#<component code>}, {@code parent_observation_id} = the observation), sharing status, category,
 * effective time and encounter. The effective time is effectiveDateTime, effectiveInstant or effectivePeriod
 * (start, else end; and end), else {@code issued} (cancelled, not-done observations carry only that). Values:
 * valueQuantity (value, UCUM code else unit, else {@code 1}: a Quantity without a unit is dimensionless, shared
 * definitions T2), valueInteger, valueCodeableConcept, valueBoolean (as code
 * {@code true}/{@code false} without a system). The QI-Core not-done reason of a cancelled observation goes to reason_code.
 */
final class ObservationMapping {
    /** QI-Core: why a cancelled observation was not done (CMS2 denominator exceptions). */
    static final String NOT_DONE_REASON = "http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-notDoneReason";
    /** The UCUM unit of a Quantity that gives none (shared definitions T2). */
    static final String DIMENSIONLESS = "1";
    private static final StructType VALUE = new StructType()
            .add("valueQuantity", FhirTypes.QUANTITY)
            .add("valueCodeableConcept", FhirTypes.CODEABLE_CONCEPT)
            .add("valueBoolean", DataTypes.BooleanType)
            .add("valueInteger", DataTypes.LongType);
    private static final StructType SCHEMA = value(FhirTypes.resource()
            .add("status", DataTypes.StringType)
            .add("category", FhirTypes.array(FhirTypes.CODEABLE_CONCEPT))
            .add("code", FhirTypes.CODEABLE_CONCEPT)
            .add("subject", FhirTypes.REFERENCE)
            .add("encounter", FhirTypes.REFERENCE)
            .add("effectiveDateTime", DataTypes.StringType)
            .add("effectiveInstant", DataTypes.StringType)
            .add("effectivePeriod", FhirTypes.PERIOD)
            .add("issued", DataTypes.StringType))
            .add("component", FhirTypes.array(value(new StructType().add("code", FhirTypes.CODEABLE_CONCEPT))));

    private ObservationMapping() {
    }

    private static StructType value(StructType s) {
        StructType out = s;
        for (var f : VALUE.fields()) {
            out = out.add(f);
        }
        return out;
    }

    static Mapped map(FhirResources res) {
        Dataset<Row> o = Mapped.withPerson(res, res.ofType("Observation", SCHEMA), "subject");
        o = res.resolve(o, col("r.encounter.reference"), "Encounter", "encounter_id");
        Mapped observations = Mapped.split(o, "Observation", List.of("person_id"), List.of("subject"),
                columns(col("id"), lit(null).cast(DataTypes.StringType), col("r")));

        Dataset<Row> parts = o.select(col("*"), posexplode(col("r.component")).as(new String[] {"pos", "c"}));
        Column componentCode = Fhir.coding(col("c.code")).getField("code");
        Column componentId = concat(col("id"), lit("#"), coalesce(componentCode, col("pos").plus(1).cast(DataTypes.StringType)));
        Mapped components = Mapped.split(parts, "Observation", List.of("person_id"), List.of("subject"),
                columns(componentId, col("id"), col("c")));
        return new Mapped(observations.rows().unionByName(components.rows()), observations.rejects());
    }

    /** The canonical columns of an observation row whose code and value come from {@code coded}. */
    private static List<Column> columns(Column id, Column parentId, Column coded) {
        Column code = Fhir.coding(coded.getField("code"));
        Column quantity = coded.getField("valueQuantity");
        Column conceptValue = Fhir.coding(coded.getField("valueCodeableConcept"));
        Column bool = coded.getField("valueBoolean");
        List<Column> c = new ArrayList<>();
        c.add(id.as("observation_id"));
        c.add(col("person_id"));
        c.add(col("encounter_id"));
        c.add(parentId.as("parent_observation_id"));
        c.add(code.getField("system").as("code_system"));
        c.add(code.getField("code").as("code"));
        c.add(col("r.status").as("status"));
        c.add(Fhir.codeAmong(col("r.category"), Vocabulary.OBSERVATION_CATEGORY).as("category"));
        c.add(Fhir.instant(coalesce(col("r.effectiveDateTime"), col("r.effectiveInstant"), col("r.effectivePeriod.start"),
                col("r.effectivePeriod.end"), col("r.issued"))).as("effective_start_ts"));
        c.add(Fhir.instant(col("r.effectivePeriod.end")).as("effective_end_ts"));
        c.add(coalesce(quantity.getField("value"), coded.getField("valueInteger").cast(DataTypes.DoubleType)).as("value_num"));
        c.add(coalesce(quantity.getField("code"), quantity.getField("unit"),
                when(quantity.getField("value").isNotNull(), lit(DIMENSIONLESS))).as("value_unit"));
        c.add(conceptValue.getField("system").as("value_code_system"));
        c.add(coalesce(conceptValue.getField("code"), when(bool.isNotNull(), bool.cast(DataTypes.StringType)))
                .as("value_code"));
        Column notDoneReason = Fhir.coding(Fhir.extension(col("r.extension"), NOT_DONE_REASON).getField("valueCodeableConcept"));
        c.add(notDoneReason.getField("system").as("reason_code_system"));
        c.add(notDoneReason.getField("code").as("reason_code"));
        return c;
    }
}
