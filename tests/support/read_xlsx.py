#!/usr/bin/env python3
"""Reads an .xlsx workbook with nothing but the standard library (zipfile, xml.etree) and prints
what a spreadsheet would see as JSON, for the xlsx_export suite to check:

{"sheets": [{"name", "cells": {"A1": {"text" | "number", "type", "bold", "wrap"}},
             "frozen": {"rows", "columns"} or null, "widths": {"A": 12.7}, "heights": {"2": 45.0},
             "formulas": 0}],
 "properties": {"title", "creator", "created"}, "parts": ["xl/workbook.xml", ...]}

Every XML part is parsed, so a part that is not well-formed XML fails the run (exit 1). Texts
are decoded as Excel decodes them: ECMA-376's _xHHHH_ escapes become the character U+HHHH.
"""

import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CORE = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def decode(text):
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text or "")


def string_item(si):
    """The text of a shared string or inline string: its <t>, or its rich runs' <t>s joined."""
    return decode("".join(t.text or "" for t in si.iter(MAIN + "t")))


def main(path):
    book = zipfile.ZipFile(path)
    parts = {}
    for name in book.namelist():
        if name.endswith(".xml") or name.endswith(".rels"):
            parts[name] = ET.fromstring(book.read(name))

    shared = []
    if "xl/sharedStrings.xml" in parts:
        shared = [string_item(si) for si in parts["xl/sharedStrings.xml"].findall(MAIN + "si")]

    styles = parts["xl/styles.xml"]
    fonts = styles.find(MAIN + "fonts").findall(MAIN + "font")
    xfs = []
    for xf in styles.find(MAIN + "cellXfs").findall(MAIN + "xf"):
        font = fonts[int(xf.get("fontId", "0"))]
        alignment = xf.find(MAIN + "alignment")
        xfs.append({
            "bold": font.find(MAIN + "b") is not None,
            "wrap": alignment is not None and alignment.get("wrapText") in ("1", "true"),
        })

    targets = {}
    for rel in parts["xl/_rels/workbook.xml.rels"].findall(PACKAGE_REL + "Relationship"):
        targets[rel.get("Id")] = "xl/" + rel.get("Target").lstrip("/").removeprefix("xl/")

    sheets = []
    for sheet in parts["xl/workbook.xml"].find(MAIN + "sheets").findall(MAIN + "sheet"):
        ws = parts[targets[sheet.get(REL + "id")]]
        cells = {}
        formulas = 0
        for c in ws.iter(MAIN + "c"):
            style = xfs[int(c.get("s", "0"))]
            cell = {"type": c.get("t", "n"), "bold": style["bold"], "wrap": style["wrap"]}
            if c.find(MAIN + "f") is not None:
                formulas += 1
            v = c.find(MAIN + "v")
            if cell["type"] == "s":
                cell["text"] = shared[int(v.text)]
            elif cell["type"] == "inlineStr":
                cell["text"] = string_item(c.find(MAIN + "is"))
            elif cell["type"] == "str":
                cell["text"] = decode(v.text if v is not None else "")
            elif v is not None:
                cell["number"] = float(v.text)
            cells[c.get("r")] = cell
        frozen = None
        pane = ws.find(f"{MAIN}sheetViews/{MAIN}sheetView/{MAIN}pane")
        if pane is not None and pane.get("state") == "frozen":
            frozen = {"rows": int(float(pane.get("ySplit", "0"))), "columns": int(float(pane.get("xSplit", "0")))}
        widths = {}
        cols = ws.find(MAIN + "cols")
        for col in (cols.findall(MAIN + "col") if cols is not None else []):
            for n in range(int(col.get("min")), int(col.get("max")) + 1):
                letters = ""
                while n:
                    n, r = divmod(n - 1, 26)
                    letters = chr(ord("A") + r) + letters
                widths[letters] = float(col.get("width"))
        heights = {}
        for row in ws.iter(MAIN + "row"):
            if row.get("ht") is not None:
                heights[row.get("r")] = float(row.get("ht"))
        sheets.append({"name": sheet.get("name"), "cells": cells, "frozen": frozen, "widths": widths,
                       "heights": heights, "formulas": formulas})

    properties = {}
    core = parts.get("docProps/core.xml")
    if core is not None:
        for key, tag in (("title", "dc:title"), ("creator", "dc:creator"), ("created", "dcterms:created")):
            element = core.find(tag, CORE)
            properties[key] = element.text if element is not None and element.text else ""

    json.dump({"sheets": sheets, "properties": properties, "parts": sorted(parts)}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
