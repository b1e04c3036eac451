#!/usr/bin/env python3
"""Validate JSON documents against a JSON Schema (any draft the schema names).

usage: validate_json_schema.py SCHEMA DOCUMENT...
Prints every error with its JSON path; exits 1 if any document is invalid.
Needs the `jsonschema` package (`pip install jsonschema`).
"""
import json
import sys

import jsonschema


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    bad = 0
    for path in sys.argv[2:]:
        doc = json.load(open(path, encoding="utf-8"))
        for err in validator.iter_errors(doc):
            bad += 1
            where = "/".join(str(p) for p in err.absolute_path)
            print(f"{path}: /{where}: {err.message}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
