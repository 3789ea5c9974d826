#!/usr/bin/env python3
"""Cuts a consistent patient subset out of a Synthea CSV export, keeping every source line byte-identical.

Usage: subset.py SOURCE_DIR TARGET_DIR

Patients kept: the first 3 of patients.csv, plus the first patient (in file order) that has each feature the
tests exercise: every RACE and ETHNICITY value, death, and every ENCOUNTERCLASS and payer NAME that occurs.
Per-patient files keep all rows of the kept patients; payers, organizations and providers are copied whole.
"""
import csv
import os
import sys

PER_PATIENT = {"encounters.csv": "PATIENT", "conditions.csv": "PATIENT", "procedures.csv": "PATIENT",
               "observations.csv": "PATIENT", "medications.csv": "PATIENT", "payer_transitions.csv": "PATIENT"}
WHOLE = ["patients.csv", "payers.csv", "organizations.csv", "providers.csv"]


def records(path):
    with open(path, newline="", encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    return lines, [(line, dict(zip(header, next(csv.reader([line]))))) for line in lines[1:] if line.strip()]


def main(src, dst):
    _, patients = records(os.path.join(src, "patients.csv"))
    _, encounters = records(os.path.join(src, "encounters.csv"))
    _, transitions = records(os.path.join(src, "payer_transitions.csv"))
    _, payers = records(os.path.join(src, "payers.csv"))
    payer_name = {r["Id"]: r["NAME"] for _, r in payers}
    order = [r["Id"] for _, r in patients]
    keep = set(order[:3])
    features = {}
    for _, r in patients:
        for f in ("race:" + r["RACE"], "ethnicity:" + r["ETHNICITY"], "deceased:" + str(bool(r["DEATHDATE"]))):
            features.setdefault(f, set()).add(r["Id"])
    for _, r in encounters:
        features.setdefault("class:" + r["ENCOUNTERCLASS"], set()).add(r["PATIENT"])
    for _, r in transitions:
        features.setdefault("payer:" + payer_name.get(r["PAYER"], "?"), set()).add(r["PATIENT"])
    for ids in features.values():
        if not ids & keep:
            keep.add(min(ids, key=order.index))
    os.makedirs(dst, exist_ok=True)
    for name, column in PER_PATIENT.items():
        lines, rows = records(os.path.join(src, name))
        with open(os.path.join(dst, name), "w", newline="", encoding="utf-8") as out:
            out.write(lines[0])
            out.writelines(line for line, r in rows if r[column] in keep)
    for name in WHOLE:
        lines, rows = records(os.path.join(src, name))
        with open(os.path.join(dst, name), "w", newline="", encoding="utf-8") as out:
            out.write(lines[0])
            out.writelines(line for line, r in rows if name != "patients.csv" or r["Id"] in keep)
    print(f"{len(keep)} patients")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
