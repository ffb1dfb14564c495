#!/usr/bin/env python3
"""Dumps an .xlsx file as JSON with openpyxl — a reader that is not ours — for the Rust
tests of the statistics table and the full export (crates/qiaomen-core/tests/report/).

    python3 tests/stats/xlsx_dump.py FILE.xlsx

Per sheet: cached values (what a reader that does not recalculate shows), formulas, merged
ranges, which cells of the used area have all four borders (and which are covered by a merge), and the page setup.
Needs openpyxl (pip install openpyxl).
"""

import datetime
import json
import sys

from openpyxl import load_workbook


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()[:10]
    return v


def main(path):
    values = load_workbook(path, data_only=True)
    formulas = load_workbook(path, data_only=False)
    out = {"sheets": [ws.title for ws in values.worksheets]}
    for ws in values.worksheets:
        fw = formulas[ws.title]
        cells, forms, boxed, covered = {}, {}, [], []
        for row in ws.iter_rows():
            for c in row:
                if type(c).__name__ == "MergedCell":
                    # Inside a merged range, not its top-left cell: Excel draws only the
                    # range's outer edges.
                    covered.append(c.coordinate)
                    continue
                if c.value is not None:
                    cells[c.coordinate] = plain(c.value)
                b = c.border
                if all(getattr(b, s) is not None and getattr(b, s).style for s in
                       ("left", "right", "top", "bottom")):
                    boxed.append(c.coordinate)
        for row in fw.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    forms[c.coordinate] = c.value
        ps = ws.page_setup
        out[ws.title] = {
            "cells": cells,
            "formulas": forms,
            "merges": sorted(str(m) for m in ws.merged_cells.ranges),
            "boxed": boxed,
            "covered": covered,
            "number_formats": {c.coordinate: c.number_format for row in ws.iter_rows()
                               for c in row if c.value is not None},
            "page": {
                "orientation": ps.orientation,
                "paper_size": ps.paperSize,
                "fit_to_page": bool(ws.sheet_properties.pageSetUpPr is not None
                                    and ws.sheet_properties.pageSetUpPr.fitToPage),
                # Absent attributes mean 1 (ECMA-376 CT_PageSetup defaults).
                "fit_width": 1 if ps.fitToWidth is None else int(ps.fitToWidth),
                "fit_height": 1 if ps.fitToHeight is None else int(ps.fitToHeight),
            },
            "print_area": ws.print_area,
        }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
