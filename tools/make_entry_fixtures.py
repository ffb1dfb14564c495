#!/usr/bin/env python3
"""Regenerates tests/fixtures/entry/: the entry sheet written by qiaomen (blank.xlsx),
filled in as a grid worker would — with openpyxl, then re-saved by LibreOffice as .xlsx and
.ods — plus expected.json, which the Rust test (crates/qiaomen-core/tests/entry_sheet.rs)
reads.

    UPDATE_FIXTURES=1 cargo test -p qiaomen-core --test entry_sheet blank_fixture
    pip install openpyxl
    apt-get install -y libreoffice-calc-nogui
    python3 tools/make_entry_fixtures.py

The rows filled (Excel row numbers):
  2  01001 real date cell, items 4 and 5 on the hazard side, two other hazards, signed
  3  01002 date typed as text 2024年12月4日, item 13 (major) answered with "√", the rest 是/否
  4  01003 nothing filled (not an inspection)
  5  01004 answers but no date             -> rejected
  6  01005 item 7 answered "可能"          -> rejected
  7  01006 a date and nothing else          -> imported, warned (no answers)
  8  09999 an unknown code                  -> rejected
  9  01001 again, same date, other answers  -> imported, warned (same day)
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime

from openpyxl import load_workbook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "entry")
TEMPLATE = os.path.join(ROOT, "assets", "templates", "xq2024.json")


def main():
    items = json.load(open(TEMPLATE, encoding="utf-8"))["items"]
    hazard_when = {it["no"]: it.get("hazard_when") for it in items}
    major = {it["no"]: it.get("major", False) for it in items}

    def safe(no):
        return "否" if hazard_when[no] in (None, "yes") else "是"

    def bad(no):
        return "是" if hazard_when[no] == "yes" else "否"

    wb = load_workbook(os.path.join(OUT, "blank.xlsx"))
    ws = wb["入户检查录入"]
    head = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(head)}
    first_item = col["入户检查人员"] + 1
    assert head[first_item - 1] == items[0]["text"], "blank.xlsx does not match the template"
    assert ws.cell(2, 1).value == "01001" and ws.cell(7, 1).value == "01006"

    hazards = 0
    majors = 0

    def fill(row, code, date, inspectors, hazard_items, other="", assigned="", signed=None,
             overrides=None, count=True):
        nonlocal hazards, majors
        if code is not None:
            ws.cell(row, col["编号"], code)
        if date is not None:
            c = ws.cell(row, col["检查日期"], date)
            if isinstance(date, datetime):
                c.number_format = "yyyy-mm-dd"
        if inspectors:
            ws.cell(row, col["入户检查人员"], inspectors)
        for it in items:
            no = it["no"]
            v = bad(no) if no in hazard_items else safe(no)
            if overrides and no in overrides:
                v = overrides[no]
            ws.cell(row, first_item + no - 1, v)
            if count and no in hazard_items and hazard_when[no] is not None:
                hazards += 1
                majors += 1 if major[no] else 0
        if other:
            ws.cell(row, col["其它隐患情况"], other)
        if assigned:
            ws.cell(row, col["现场交办整改事项"], assigned)
        if signed is not None:
            ws.cell(row, col["是否签字"], signed)

    fill(2, None, datetime(2024, 12, 3), "李四、王五", {4, 5},
         other="1、化粪池无盖板；2、门前坡道结冰", assigned="更换燃气软管，请电工检修线路", signed="是")
    hazards += 2
    fill(3, None, "2024年12月4日", "李四", {13}, overrides={13: "√"}, signed="否")
    # row 4: left blank
    fill(5, None, None, "李四", {7}, count=False)
    fill(6, None, datetime(2024, 12, 5), "李四", set(), overrides={7: "可能"}, count=False)
    ws.cell(7, col["检查日期"], "2024-12-06")
    fill(8, "09999", datetime(2024, 12, 5), "李四", {2}, count=False)
    ws.cell(8, col["检查地点(对象)名称"], "外村人")
    fill(9, "01001", datetime(2024, 12, 3), "张网格", {10}, other="无", signed="是")
    ws.cell(9, col["检查地点(对象)名称"], "张三")

    openpyxl_file = os.path.join(OUT, "filled_openpyxl.xlsx")
    wb.save(openpyxl_file)

    files = ["filled_openpyxl.xlsx"]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed to write the re-saved fixtures")
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        for fmt, name in [("xlsx:Calc MS Excel 2007 XML", "filled_libreoffice.xlsx"),
                          ("ods", "filled_libreoffice.ods")]:
            outdir = os.path.join(tmp, "out")
            os.makedirs(outdir, exist_ok=True)
            subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless",
                            "--convert-to", fmt, "--outdir", outdir, openpyxl_file],
                           check=True, capture_output=True)
            produced = os.path.join(outdir, "filled_openpyxl." + name.rsplit(".", 1)[1])
            shutil.move(produced, os.path.join(OUT, name))
            files.append(name)

    expected = {
        "files": files,
        "imported": 4,
        "hazards": hazards,
        "rejected_rows": [5, 6, 8],
        "blank_rows": 1,
        "same_day_row": 9,
        "major_hazards": majors,
        "other_hazards": [["化粪池无盖板", "防有限空间中毒事故"],
                          ["门前坡道结冰", "防冰雪道路交通事故"]],
    }
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote", ", ".join(files), "and expected.json to", OUT)


if __name__ == "__main__":
    main()
