"""Adds up the Surefire and Failsafe XML reports into one closing line."""
import glob
import xml.etree.ElementTree as ET

tests = failures = errors = skipped = 0
for path in glob.glob("**/target/*-reports/TEST-*.xml", recursive=True):
    suite = ET.parse(path).getroot()
    tests += int(suite.get("tests", 0))
    failures += int(suite.get("failures", 0))
    errors += int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
failed = failures + errors
passed = tests - failed - skipped
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
