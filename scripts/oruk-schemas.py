#!/usr/bin/env python3
"""Derives the Open Referral UK 3.0 JSON Schemas the API conformance test validates against.

    scripts/oruk-schemas.py REFERENCE OUT

REFERENCE is a folder holding `hsds-3.0-schemas/` (openreferral/specification, branch 3.0, schema/compiled/*.json:
the HSDS 3.0 compiled JSON Schemas) and `oruk-3.0-schemas/` (OpenReferralUK/uk-profile, profile/*.json: JSON merge
patches over them), both CC-BY-SA-4.0. For each API shape (service, service_list, service_at_location,
service_at_location_list, organization), every object schema inside the compiled schema is patched with the ORUK
patch of the same `name` (RFC 7386 merge patch: `null` removes a key), then annotations the validator does not read
(title, description, example, constraints, core, datapackage fields, path, tabular_required) are dropped. The taxonomy
and taxonomy term schemas are taken from inside the service schema (an attribute's `taxonomy_term` and its
`taxonomy_detail`), since the compiled set has no file of their own. A `$ref` to another profile file (taxonomy's terms) is
inlined. The root's answer (`api_meta`) and the page envelope (`page`) come from the profile's compiled OpenAPI
document. The result is written to OUT as compact JSON,
one file per shape, with the patches' names listed in OUT/SOURCE.md.
"""
import json
import sys
from pathlib import Path

SHAPES = ["service", "service_list", "service_at_location", "service_at_location_list", "organization"]
DROPPED = {"title", "description", "example", "constraints", "core", "datapackage_metadata", "datapackage_type",
           "path", "tabular_required"}


def merge(target, patch):
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge(result.get(key), value)
    return result


def patched(schema, patches, used):
    """The schema with every nested object schema patched by its name's ORUK patch, annotations dropped."""
    if isinstance(schema, list):
        return [patched(item, patches, used) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema.get("type") == "object" and schema.get("name") in patches:
        used.add(schema["name"])
        schema = merge(schema, patches[schema["name"]])
    out = {}
    for key, value in schema.items():
        if key in DROPPED or key == "name":
            continue
        if key == "properties":
            out[key] = {name: patched(inner, patches, used) for name, inner in value.items()}
        else:
            out[key] = patched(value, patches, used)
    return out


def inlined(schema, derived):
    """The schema with each `{"$ref": "NAME.json"}` (the ORUK patches' links to another profile file) replaced by that
    shape's derived schema."""
    if isinstance(schema, list):
        return [inlined(item, derived) for item in schema]
    if not isinstance(schema, dict):
        return schema
    reference = schema.get("$ref")
    if isinstance(reference, str) and reference.endswith(".json") and reference[:-5] in derived:
        return inlined(derived[reference[:-5]], derived)
    return {key: inlined(value, derived) for key, value in schema.items()}


def find(schema, name):
    """The first object schema called `name` inside `schema`."""
    if isinstance(schema, dict):
        if schema.get("name") == name and schema.get("type") == "object":
            return schema
        for value in schema.values():
            found = find(value, name)
            if found is not None:
                return found
    elif isinstance(schema, list):
        for value in schema:
            found = find(value, name)
            if found is not None:
                return found
    return None


def main(arguments):
    if len(arguments) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    reference, out = Path(arguments[0]), Path(arguments[1])
    patches = {}
    for path in sorted((reference / "oruk-3.0-schemas").glob("*.json")):
        if path.name in ("openapi.json", "compiled-openapi30.json"):
            continue
        patch = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(patch, dict):
            patches[path.stem] = {key: value for key, value in patch.items() if key not in ("name", "path", "description")}
    out.mkdir(parents=True, exist_ok=True)
    used = set()
    compiled = {shape: json.loads((reference / "hsds-3.0-schemas" / f"{shape}.json").read_text(encoding="utf-8"))
                for shape in SHAPES}
    shapes = dict(compiled)
    shapes["taxonomy_term"] = find(compiled["service"], "taxonomy_term")
    shapes["taxonomy"] = find(compiled["service"], "taxonomy")
    derived = {}
    for shape, schema in shapes.items():
        if schema is None:
            sys.exit(f"oruk-schemas.py: no {shape} schema found")
        derived[shape] = patched(schema, patches, used)
    # The API's own shapes, from the ORUK compiled OpenAPI document: the root's answer and the page envelope.
    openapi = json.loads((reference / "oruk-3.0-schemas" / "compiled-openapi30.json").read_text(encoding="utf-8"))
    root = openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    derived["api_meta"] = patched(root, {}, set())
    derived["page"] = patched(openapi["components"]["schemas"]["Page"], {}, set())
    for shape, schema in derived.items():
        text = json.dumps(inlined(schema, derived), separators=(",", ":"), sort_keys=True)
        (out / f"{shape}.json").write_text(text + "\n", encoding="utf-8")
        print(f"{shape}.json: {len(text):,} bytes")
    (out / "SOURCE.md").write_text(
        "# Open Referral UK 3.0 schemas, derived\n\n"
        "Written by `scripts/oruk-schemas.py` from the HSDS 3.0 compiled JSON Schemas (openreferral/specification, "
        "branch 3.0, schema/compiled) with the Open Referral UK 3.0 profile's merge patches (OpenReferralUK/uk-profile, "
        "profile/) applied to every object schema of the same name, annotations dropped; `api_meta.json` (the answer of `/`) and "
        "`page.json` (the envelope of every list) from the profile's compiled-openapi30.json. Both are published under "
        "CC-BY-SA-4.0 (https://creativecommons.org/licenses/by-sa/4.0/); these derived files are shared under the same "
        "licence. Patches applied: " + ", ".join(sorted(used)) + ".\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
