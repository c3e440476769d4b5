#!/usr/bin/env python3
"""Builds the seed corpora and dictionaries of the fuzz targets (Fuzz/, issue 12) from the repository's own files.

    scripts/fuzz-corpus.py [TARGET...]      # csv, xml, profile, postcode, feed; all when none is named

Writes Fuzz/corpus/TARGET/ (one seed per file, named by a hash of its content) and Fuzz/corpus/TARGET.dict, both
kept out of git. Seeds come from the sample catalog (catalog/sample, catalog/judged), the import profiles and their
samples (importers/), the test fixtures (Tests/: fixture files and the lists written inline in the tests) and the
vocabularies. Long lists are cut into small ones (a header and a few rows, a list with one service) so that every
seed fits the targets' -max_len and mutations reach the record readers. A target's folder is made anew each time.
"""

import csv
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Fuzz" / "corpus"
TARGETS = ["csv", "xml", "profile", "postcode", "feed"]
MAX_SEED = 60_000  # below the targets' -max_len (64 KB for the list readers)


def read(path):
    return Path(path).read_bytes()


# --- Lists written inline in the tests -------------------------------------------------------------------------------

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}


def unescape(text, raw):
    """Swift string escapes (\\n, \\u{92}...); interpolations are left as they are. Raw strings (#\"\"\") keep all."""
    if raw:
        return text
    out = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            if following in ESCAPES:
                out.append(ESCAPES[following])
                index += 2
                continue
            match = re.match(r"u\{([0-9A-Fa-f]+)\}", text[index + 1 :])
            if match:
                out.append(chr(int(match.group(1), 16)))
                index += 1 + match.end()
                continue
            if following == "\n":  # a line continuation
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)


def test_blocks():
    """Every multi-line string literal in Tests/, by file: (file, text)."""
    blocks = []
    for path in sorted((ROOT / "Tests").rglob("*.swift")):
        lines = path.read_text(encoding="utf-8").split("\n")
        index = 0
        while index < len(lines):
            opening = re.search(r'(#?)"""$', lines[index])
            if not opening:
                index += 1
                continue
            raw = opening.group(1) == "#"
            body = []
            index += 1
            while index < len(lines) and not re.match(r'^\s*"""#?', lines[index]):
                body.append(lines[index])
                index += 1
            if index >= len(lines):
                break
            indent = len(lines[index]) - len(lines[index].lstrip())
            text = "\n".join(line[indent:] if line[:indent].strip() == "" else line for line in body)
            blocks.append((path, unescape(text, raw)))
            index += 1
    return blocks


def kind(text):
    """What a block of test text is: json (a profile), xml, csv, or None."""
    start = text.lstrip()
    if start.startswith("{"):
        return "json"
    if start.startswith("<"):
        return "xml"
    first = start.split("\n", 1)[0]
    if any(delimiter in first for delimiter in (",", ";", "\t")):
        return "csv"
    return None


def encode(text):
    """Test text as the bytes the test gives the reader; U+0080-U+00FF as single bytes when the text is meant as
    Windows-1252 (it holds C1 characters, as the commissioner spreadsheet test does)."""
    if any(0x80 <= ord(char) <= 0x9F for char in text) and all(ord(char) < 0x100 for char in text):
        return bytes(ord(char) for char in text)
    return text.encode("utf-8")


# --- Cutting long lists ----------------------------------------------------------------------------------------------


def csv_records(data):
    """The raw bytes of each record of a CSV file (quotes may hold line ends)."""
    records = []
    start = 0
    quoted = False
    index = 0
    while index < len(data):
        byte = data[index]
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x0A and not quoted:
            records.append(data[start : index + 1])
            start = index + 1
        index += 1
    if start < len(data):
        records.append(data[start:])
    return records


def csv_pieces(data, rows=3, limit=40):
    """A CSV file cut into its header and a few rows at a time."""
    records = csv_records(data)
    if len(data) <= 4_000:
        return [data]
    header, body = records[0], records[1:]
    pieces = []
    for start in range(0, len(body), rows):
        piece = header + b"".join(body[start : start + rows])
        if len(piece) <= MAX_SEED:
            pieces.append(piece)
        if len(pieces) >= limit:
            break
    return pieces


def xml_pieces(data, element, limit=40):
    """An XML list cut into lists of one record each: what comes before the first record, one record, and what comes
    after the last."""
    text = data.decode("utf-8")
    opening = re.compile(r"<%s[\s>]" % element)
    closing = "</%s>" % element
    starts = [match.start() for match in opening.finditer(text)]
    if len(data) <= 8_000 or not starts:
        return [data]
    head = text[: starts[0]]
    end = text.rfind(closing)
    tail = text[end + len(closing) :] if end >= 0 else ""
    pieces = []
    for start in starts[:limit]:
        stop = text.find(closing, start)
        if stop < 0:
            break
        piece = (head + text[start : stop + len(closing)] + tail).encode("utf-8")
        if len(piece) <= MAX_SEED:
            pieces.append(piece)
    return pieces


def variants(data):
    """A CSV seed in the other encodings and line ends the reader accepts."""
    out = [b"\xef\xbb\xbf" + data, data.replace(b"\n", b"\r\n"), data.replace(b"\n", b"\r")]
    try:
        text = data.decode("utf-8")
        out.append(b"\xff\xfe" + text.encode("utf-16-le"))
        out.append(b"\xfe\xff" + text.encode("utf-16-be"))
        out.append(text.encode("cp1252", errors="replace"))
        out.append(text.replace(",", ";").encode("utf-8"))
    except UnicodeDecodeError:
        pass
    return out


# --- Corpora ---------------------------------------------------------------------------------------------------------


def csv_seeds():
    seeds = []
    for path in sorted((ROOT / "catalog" / "sample").glob("*.csv")):
        pieces = csv_pieces(read(path))
        seeds += pieces
        seeds += variants(pieces[0])
    for path in sorted((ROOT / "importers" / "samples").glob("*.csv")):
        seeds.append(read(path))
    seeds += [encode(text) for _, text in test_blocks() if kind(text) == "csv"]
    seeds += [b"", b"a,b\n", b'"unclosed,quote\n1,2\n', b"a;b\r\r\n1;2\r\r\n", b"x\ty\n\"1\"\"\"\t2\n"]
    return seeds


def xml_seeds():
    seeds = []
    lists = sorted((ROOT / "catalog" / "sample").glob("*.xml")) + [ROOT / "catalog" / "judged" / "judged-services.xml"]
    for path in lists:
        seeds += xml_pieces(read(path), "service")
    seeds += [encode(text) for _, text in test_blocks() if kind(text) == "xml" and "urn:signpost:list" in text]
    seeds += xml_variants(xml_pieces(read(ROOT / "catalog" / "sample" / "pcc-wales.xml"), "service", limit=1)[0])
    return seeds


def xml_variants(data):
    """One small list written in the other ways XML allows: a DTD with an entity used in text and in an attribute,
    CDATA, a namespace prefix, a declared Latin-1 encoding, UTF-16, CR-only line ends."""
    text = data.decode("utf-8")
    declaration, rest = text.split("\n", 1)
    doctype = '<!DOCTYPE serviceList [\n  <!ENTITY org "Feverfew Close">\n]>\n'
    entity = declaration + "\n" + doctype + rest.replace("<name>", "<name>&org; ", 1)
    entity = entity.replace('name="Feverfew Close', 'name="&org;', 1)
    cdata = text.replace("<description>", "<description><![CDATA[<b>help</b> & more]]>", 1)
    prefixed = re.sub(r"<(/?)(\w+)", r"<\1sp:\2", rest).replace('xmlns="', 'xmlns:sp="', 1)
    latin1 = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Wrexham", "Wr\u00e9xham")
    return [
        entity.encode("utf-8"),
        cdata.encode("utf-8"),
        (declaration + "\n" + prefixed).encode("utf-8"),
        latin1.encode("latin-1", errors="replace"),
        b"\xff\xfe" + text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"),
        data.replace(b"\n", b"\r"),
    ]


def profile_seeds():
    """A profile's JSON, a NUL byte, then a list to read through it (see Fuzz/Sources/profile)."""
    seeds = []
    importers = ROOT / "importers"
    sample = ROOT / "catalog" / "sample"
    samples = {
        "signpost-csv": [piece for path in sorted(sample.glob("*.csv")) for piece in csv_pieces(read(path), limit=4)],
        "signpost-xml": [
            piece for path in sorted(sample.glob("*.xml")) for piece in xml_pieces(read(path), "service", limit=4)
        ],
        "example-commissioner-spreadsheet": [read(importers / "samples" / "example-commissioner-spreadsheet.csv")],
        "example-charity-xml": [read(importers / "samples" / "example-charity-xml.xml")],
        "airs": [read(path) for path in sorted((ROOT / "Tests").rglob("AIRS/Fixtures/*.xml"))],
    }
    for path in sorted(importers.glob("*.json")):
        profile = read(path)
        seeds.append(profile)
        for sample in samples.get(path.stem, []):
            seeds.append(profile + b"\0" + sample)
    # Profiles written in the tests, each with the lists of its own layout from the same test file.
    by_file = {}
    for path, text in test_blocks():
        by_file.setdefault(path, []).append(text)
    for texts in by_file.values():
        profiles = [text for text in texts if kind(text) == "json"]
        for text in profiles:
            profile = encode(text)
            seeds.append(profile)
            layout = "xml" if '"xml"' in text.split('"fields"', 1)[0] else "csv"
            for other in texts:
                if kind(other) == layout:
                    seeds.append(profile + b"\0" + encode(other))
    return [seed for seed in seeds if len(seed) <= MAX_SEED]


def vocabulary_rows(name):
    with open(ROOT / "catalog" / "vocabularies" / name, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def postcode_seeds():
    """Postcodes, districts, areas and place names; some as `postcode NUL area` pairs."""
    postcodes = set()
    for path in sorted((ROOT / "catalog" / "sample").glob("*.csv")):
        with open(path, newline="", encoding="utf-8", errors="replace") as file:
            postcodes.update(row.get("postcode") or "" for row in csv.DictReader(file))
    for path in sorted((ROOT / "catalog" / "sample").glob("*.xml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        postcodes.update(re.findall(r"<postcode>([^<]*)</postcode>", text))
    postcodes.discard("")
    districts = vocabulary_rows("postcode-districts.csv")
    for row in districts[:: max(1, len(districts) // 150)]:
        postcodes.add(row["code"] + " 1AA")
        postcodes.add(row["code"])
    postcodes.update(row["code"] for row in vocabulary_rows("postcode-areas.csv"))
    postcodes.update(
        ["ls14ap", "LS1  4AP", " ls1 4ap ", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT",
         "SY10 7AB", "CA12 5AB", "EH1 1YZ", "BT1 1AA", "GY1 1AA", "JE2 3AB", "IM1 1AA", "ZE1 0AA", "TD15 1AA",
         "QQ1 1AA", "LS99 9ZZ", "L", "LS", "LS1", "LS1 4", "1AA", "LS1\t4AP", "ls1 4ap\n", "ＬＳ１ ４ＡＰ", ""]
    )
    places = set()
    for name in ["police-force-areas.csv", "local-authorities.csv", "regions.csv"]:
        rows = vocabulary_rows(name)
        for row in rows[:: max(1, len(rows) // 60)]:
            places.update([row["code"], row["label"]])
            places.update(alias for alias in (row.get("aliases") or "").split(";") if alias)
    places.update(["national", "London", "Yorkshire", "West Yorks", "Leeds", "E23000010", "E08000035", "Wales", ""])
    seeds = [text.encode("utf-8") for text in sorted(postcodes)]
    seeds += [b"\0" + place.encode("utf-8") for place in sorted(places)]
    pairs = sorted(postcodes)[:: max(1, len(postcodes) // 40)]
    seeds += [pc.encode("utf-8") + b"\0" + place.encode("utf-8") for pc, place in zip(pairs, sorted(places))]
    return seeds


def feed_seeds():
    """Pages of an Open Referral UK feed and service documents, from the tests; some as `page NUL document` pairs."""
    pages, documents = [], []
    for _, text in test_blocks():
        if kind(text) != "json":
            continue
        data = encode(text)
        if b'"contents"' in data:
            pages.append(data)
        elif b'"organization"' in data or b'"service_areas"' in data:
            documents.append(data)
    seeds = pages + [b"\0" + document for document in documents]
    seeds += [page + b"\0" + document for page in pages[:10] for document in documents[:10]]
    return [seed for seed in seeds if len(seed) <= MAX_SEED]


# --- Dictionaries ----------------------------------------------------------------------------------------------------


def dictionary_line(token):
    escaped = "".join(
        "\\" + chr(byte) if byte in (0x22, 0x5C) else chr(byte) if 0x20 <= byte < 0x7F else "\\x%02X" % byte
        for byte in token.encode("utf-8")
    )
    return '"%s"' % escaped


def json_keys(value, keys):
    if isinstance(value, dict):
        for key, inner in value.items():
            keys.add(key)
            json_keys(inner, keys)
    elif isinstance(value, list):
        for inner in value:
            json_keys(inner, keys)
    elif isinstance(value, str) and len(value) <= 40:
        keys.add(value)


def dictionary(target):
    tokens = set()
    codes = [row["code"] for name in ["need-types.csv", "specialisms.csv", "channels.csv"]
             for row in vocabulary_rows(name)]
    if target == "csv":
        header = csv_records(read(ROOT / "catalog" / "sample" / "national-helplines.csv"))[0].decode("utf-8")
        tokens.update(header.strip().split(","))
        tokens.update(codes)
        tokens.update(['"', '""', ",", ";", "\t", "\r\n", "\r\r\n", "\ufeff"])
    elif target == "xml":
        schema = (ROOT / "Sources" / "SignpostImport" / "Schema" / "signpost-list-1.xsd").read_text(encoding="utf-8")
        for name in set(re.findall(r'name="([A-Za-z]+)"', schema)):
            tokens.update(["<%s>" % name, "</%s>" % name, ' %s="' % name])
        tokens.update(codes)
        tokens.update(["urn:signpost:list:1", "<?xml version=\"1.0\"?>", "<!DOCTYPE", "<!ENTITY", "SYSTEM", "&amp;",
                       "&#", "<![CDATA[", "]]>", "<!--", "-->", "xmlns=", "encoding=\"ISO-8859-1\""])
    elif target == "profile":
        keys = set()
        for path in sorted((ROOT / "importers").glob("*.json")):
            json_keys(json.loads(read(path)), keys)
        tokens.update(keys)
        tokens.update(["\0", "@", "../", "[@", "!=", "*", "YYYY", "DD/MM/YYYY", "D MMM YYYY"])
    elif target == "feed":
        tokens.update(["contents", "total_pages", "page_number", "id", "name", "organization", "contacts", "phones",
                       "schedules", "service_areas", "languages", "attributes", "taxonomy_term", "service_at_locations",
                       "location", "addresses", "accessibility", "service_capacities", "unit", "funding", "uri",
                       "postal_code", "latitude", "longitude", "wait_time", "interpretation_services", "status",
                       "last_modified", "link_entity", "link_id", "\0", "{", "}", "[", "]", ":", ","])
        tokens.update(codes)
    elif target == "postcode":
        tokens.update(row["code"] for row in vocabulary_rows("postcode-areas.csv"))
        tokens.update(["\0", " 1AA", "national"])
    return "\n".join(dictionary_line(token) for token in sorted(tokens) if token) + "\n"


def main(arguments):
    targets = arguments or TARGETS
    for target in targets:
        if target not in TARGETS:
            sys.exit("fuzz-corpus.py: unknown target '%s'; the targets are %s" % (target, ", ".join(TARGETS)))
    for target in targets:
        seeds = {
            "csv": csv_seeds, "xml": xml_seeds, "profile": profile_seeds, "postcode": postcode_seeds, "feed": feed_seeds,
        }[target]()
        folder = OUT / target
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        unique = {hashlib.sha1(seed).hexdigest(): seed for seed in seeds}
        for name, seed in unique.items():
            (folder / name).write_bytes(seed)
        (OUT / ("%s.dict" % target)).write_text(dictionary(target), encoding="utf-8")
        print("%s: %d seeds in %s, dictionary %s.dict" % (target, len(unique), folder.relative_to(ROOT), target))


if __name__ == "__main__":
    main(sys.argv[1:])
