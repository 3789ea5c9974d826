package io.carelens.common.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The code systems CareLens recognises. Canonical tables store the short {@link #name()}; FHIR sources and
 * value sets use the canonical URIs, which {@link #fromAny(String)} maps back to the short name.
 */
public enum CodeSystem {
    LOINC("http://loinc.org"),
    SNOMEDCT("http://snomed.info/sct"),
    ICD10CM("http://hl7.org/fhir/sid/icd-10-cm"),
    ICD10PCS("http://www.cms.gov/Medicare/Coding/ICD10", "http://www.icd10data.com/icd10pcs"),
    CPT("http://www.ama-assn.org/go/cpt"),
    HCPCS("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
            "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
            "http://www.nlm.nih.gov/research/umls/hcpcs"),
    RXNORM("http://www.nlm.nih.gov/research/umls/rxnorm"),
    NDC("http://hl7.org/fhir/sid/ndc"),
    CVX("http://hl7.org/fhir/sid/cvx"),
    CDCREC("urn:oid:2.16.840.1.113883.6.238"),
    SOP("https://nahdo.org/sopt", "urn:oid:2.16.840.1.113883.3.221.5"),
    ADMINISTRATIVE_GENDER("http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender"),
    ACT_CODE("http://terminology.hl7.org/CodeSystem/v3-ActCode"),
    DISCHARGE_DISPOSITION("http://terminology.hl7.org/CodeSystem/discharge-disposition"),
    UB04_POINT_OF_ORIGIN("https://www.nubc.org/CodeSystem/PointOfOrigin"),
    UB04_PATIENT_STATUS("https://www.nubc.org/CodeSystem/PatDischargeStatus", "http://www.nubc.org/patient-discharge");

    private final List<String> uris;

    CodeSystem(String... uris) {
        this.uris = List.of(uris);
    }

    /** The preferred canonical URI, as FHIR writes it. */
    public String uri() {
        return uris.get(0);
    }

    public List<String> uris() {
        return uris;
    }

    /** Resolves a short name (case-insensitive) or any known URI; empty when the system is not recognised. */
    public static Optional<CodeSystem> fromAny(String nameOrUri) {
        if (nameOrUri == null || nameOrUri.isBlank()) {
            return Optional.empty();
        }
        String s = nameOrUri.trim();
        String upper = s.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
        return Arrays.stream(values())
                .filter(cs -> cs.name().replace("_", "").equals(upper.replace("_", "")) || cs.uris.contains(s))
                .findFirst();
    }
}
