package io.carelens.jobs.ingest.fhir;

/** The FHIR extension and code-system URLs the FHIR source reads and {@code FhirExport} writes. */
public final class FhirUris {
    public static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";
    public static final String RACE = US_CORE + "us-core-race";
    public static final String ETHNICITY = US_CORE + "us-core-ethnicity";
    public static final String SEX = US_CORE + "us-core-sex";
    public static final String BIRTH_SEX = US_CORE + "us-core-birthsex";
    /** Address extension holding the 5-digit county FIPS code (any extension URL containing "fips" is read). */
    public static final String COUNTY_FIPS = "https://carelens.io/fhir/StructureDefinition/county-fips";
    /** Coverage extension with valueCode full / partial / none / unknown. */
    public static final String DUAL_STATUS = "https://carelens.io/fhir/StructureDefinition/dual-status";
    /** The FHIR R5 cross-version modifier extension QI-Core uses for DeviceRequest.doNotPerform. */
    public static final String DEVICE_DO_NOT_PERFORM =
            "http://hl7.org/fhir/5.0/StructureDefinition/extension-DeviceRequest.doNotPerform";
    public static final String SDOHCC_CATEGORY =
            "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
    public static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";
    public static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String NULL_FLAVOR = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
    public static final String CDC_RACE = "urn:oid:2.16.840.1.113883.6.238";
    public static final String BCP47 = "urn:ietf:bcp:47";
    public static final String UCUM = "http://unitsofmeasure.org";

    private FhirUris() {
    }
}
