package io.carelens.jobs.ingest.synthea;

import static io.carelens.jobs.ingest.synthea.SyntheaVocabulary.lookup;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code patients.csv} to {@code patient}: GENDER to gender and sex, RACE and ETHNICITY to the OMB categories
 * (plus the CDC race code), ZIP (00000 = unknown) and, where the release has it, FIPS to the county code. Synthea
 * records no language, so preferred_language stays empty (unknown).
 */
final class PatientMapping {
    private static final List<String> COLUMNS = List.of("person_id", "birth_date", "deceased_date", "gender", "sex",
            "race", "race_code", "ethnicity", "preferred_language", "postal_code", "county_fips");

    private PatientMapping() {
    }

    static Mapped map(SyntheaFile f) {
        Column gender = lookup(SyntheaVocabulary.GENDER, f.value("GENDER"));
        Column race = lookup(SyntheaVocabulary.RACE, f.value("RACE"));
        Column ethnicity = lookup(SyntheaVocabulary.ETHNICITY, f.value("ETHNICITY"));
        Column zip = f.value("ZIP");
        Column fips = f.value("FIPS");
        return Mapped.split(f, f.rows().select(
                f.value("Id").as("person_id"),
                f.value("BIRTHDATE").as("birth_date"),
                f.value("DEATHDATE").as("deceased_date"),
                gender.as("gender"),
                gender.as("sex"),
                race.as("race"),
                lookup(SyntheaVocabulary.RACE_CODE, f.value("RACE")).as("race_code"),
                ethnicity.as("ethnicity"),
                lit(null).cast(DataTypes.StringType).as("preferred_language"),
                when(zip.equalTo("00000"), lit(null)).otherwise(zip).as("postal_code"),
                when(fips.isNotNull(), lpad(fips, 5, "0")).as("county_fips"),
                f.firstRejection(
                        f.unmapped("GENDER", gender),
                        f.unmapped("RACE", race),
                        f.unmapped("ETHNICITY", ethnicity)).as(SyntheaFile.REJECT),
                f.record("Id", "BIRTHDATE", "DEATHDATE", "RACE", "ETHNICITY", "GENDER", "COUNTY", "FIPS", "ZIP")
                        .as(SyntheaFile.RECORD),
                col(CanonicalTable.SOURCE_FILE),
                col(CanonicalTable.SOURCE_ROW)), COLUMNS);
    }
}
