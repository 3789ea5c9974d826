package io.carelens.jobs.ingest.fhir;

import static io.carelens.jobs.ingest.fhir.Fhir.extension;
import static io.carelens.jobs.ingest.fhir.Fhir.first;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Patient to {@code patient}: birth and death dates, gender, sex (US Core sex or the older birth-sex extension),
 * OMB race and ethnicity (US Core extensions), preferred language, ZIP code and county FIPS of the home address.
 */
final class PatientMapping {
    static final String RACE_URL = FhirUris.RACE;
    static final String ETHNICITY_URL = FhirUris.ETHNICITY;
    static final String SEX_URL = FhirUris.SEX;
    static final String BIRTH_SEX_URL = FhirUris.BIRTH_SEX;

    /** OMB race categories by CDC race code (CDCREC). */
    static final Map<String, String> RACE = Map.of(
            "1002-5", "american_indian_or_alaska_native",
            "2028-9", "asian",
            "2054-5", "black_or_african_american",
            "2076-8", "native_hawaiian_or_other_pacific_islander",
            "2106-3", "white",
            "2131-1", "other");
    static final Map<String, String> ETHNICITY = Map.of(
            "2135-2", "hispanic_or_latino",
            "2186-5", "not_hispanic_or_latino");
    /** Sex codes: US Core sex (SNOMED CT or administrative codes) and birth sex (F, M). */
    static final Map<String, String> SEX = Map.of(
            "248152002", "female", "248153007", "male",
            "F", "female", "M", "male", "female", "female", "male", "male");

    private static final StructType ADDRESS = new StructType()
            .add("use", DataTypes.StringType).add("postalCode", DataTypes.StringType)
            .add("district", DataTypes.StringType).add("extension", FhirTypes.array(FhirTypes.EXTENSION));
    private static final StructType SCHEMA = FhirTypes.resource()
            .add("gender", DataTypes.StringType)
            .add("birthDate", DataTypes.StringType)
            .add("deceasedDateTime", DataTypes.StringType)
            .add("address", FhirTypes.array(ADDRESS))
            .add("communication", FhirTypes.array(new StructType()
                    .add("language", FhirTypes.CODEABLE_CONCEPT).add("preferred", DataTypes.BooleanType)));

    private PatientMapping() {
    }

    static Mapped map(FhirResources res) {
        Dataset<Row> p = res.ofType("Patient", SCHEMA);
        return Mapped.split(p, "Patient", List.of(), List.of(), List.of(
                col("id").as("person_id"),
                Fhir.date(col("r.birthDate")).as("birth_date"),
                Fhir.date(col("r.deceasedDateTime")).as("deceased_date"),
                col("r.gender").as("gender"),
                sex().as("sex"),
                race().as("race"),
                raceCode().as("race_code"),
                ethnicity().as("ethnicity"),
                language().as("preferred_language"),
                postalCode().as("postal_code"),
                countyFips().as("county_fips")));
    }

    private static Column ombCodes(String url) {
        Column ext = extension(col("r.extension"), url);
        Column omb = filter(ext.getField("extension"), e -> e.getField("url").equalTo(lit("ombCategory")));
        return coalesce(transform(omb, e -> e.getField("valueCoding").getField("code")),
                Fhir.emptyStrings());
    }

    private static Column knownRaceCodes() {
        return array_sort(array_distinct(filter(ombCodes(RACE_URL), c -> c.isin(RACE.keySet().toArray()))));
    }

    /** One OMB category, 'multiple' when several are given, 'unknown' when absent or only UNK / ASKU. */
    private static Column race() {
        Column categories = array_distinct(transform(knownRaceCodes(), c -> Fhir.lookup(RACE, c)));
        return when(size(categories).equalTo(1), first(categories))
                .when(size(categories).gt(1), lit("multiple"))
                .otherwise(lit("unknown"));
    }

    /** The CDC race code; several codes are listed comma-separated. */
    private static Column raceCode() {
        Column codes = knownRaceCodes();
        return when(size(codes).gt(0), concat_ws(",", codes));
    }

    private static Column ethnicity() {
        return coalesce(first(filter(transform(ombCodes(ETHNICITY_URL), c -> Fhir.lookup(ETHNICITY, c)), c -> c.isNotNull())),
                lit("unknown"));
    }

    /** US Core sex first, then birth sex; a code CareLens does not know is 'unknown'; no extension gives null. */
    private static Column sex() {
        Column sexExt = extension(col("r.extension"), SEX_URL);
        Column code = coalesce(sexExt.getField("valueCode"), sexExt.getField("valueCoding").getField("code"),
                extension(col("r.extension"), BIRTH_SEX_URL).getField("valueCode"));
        return when(code.isNotNull(), coalesce(Fhir.lookup(SEX, code), lit("unknown")));
    }

    /** The preferred communication language (else the first), as its primary BCP-47 subtag (en, es, zh). */
    private static Column language() {
        Column comm = coalesce(first(filter(col("r.communication"),
                c -> c.getField("preferred").equalTo(lit(true)))), first(col("r.communication")));
        Column code = Fhir.first(comm.getField("language").getField("coding")).getField("code");
        return lower(substring_index(code, "-", 1));
    }

    private static Column homeAddress() {
        return coalesce(first(filter(col("r.address"), a -> a.getField("use").equalTo(lit("home")))),
                first(col("r.address")));
    }

    private static Column postalCode() {
        Column zip = regexp_extract(homeAddress().getField("postalCode"), "^\\s*(\\d{5})", 1);
        return when(zip.notEqual(lit("")), zip);
    }

    /** From an address extension whose URL mentions FIPS, else the district when it is a 5-digit code. */
    private static Column countyFips() {
        Column ext = first(filter(homeAddress().getField("extension"),
                e -> lower(e.getField("url")).contains("fips")));
        Column district = homeAddress().getField("district");
        return coalesce(ext.getField("valueCode"), ext.getField("valueString"),
                when(district.rlike("^\\d{5}$"), district));
    }
}
