#!/usr/bin/env python3
"""Regenerates tests/fixtures/stats/: statistics tables (附件2) as villages fill them by hand
in Excel/WPS, with the variations the township meets, plus a publicity log to import.

    pip install openpyxl            # writes the .xlsx files
    apt-get install -y libreoffice-calc-nogui   # only to regenerate the .xls file
    python3 tools/make_stats_fixtures.py

The expected numbers of every file are in EXPECTED below and in expected.json (the Rust
tests read that file), so a change here and in the tests stays in step.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "stats")

CATS = [
    "防煤气中毒事故",
    "防燃气爆炸事故",
    "防小火亡人事故",
    "防有限空间中毒事故",
    "防建筑施工事故",
    "防冰雪道路交通事故",
    "防森林火灾",
]
KEYS = ["sessions", "people", "hazards", "rectified", "major", "major_rectified"]

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

EXPECTED = {}


def box(ws, rng):
    for row in ws[rng]:
        for c in row:
            c.border = BOX


def official_header(ws, top, left):
    """The two-level header of the form at (top, left) (1-based), merged as on paper."""
    L = left
    ws.cell(top, L, "行动名称")
    ws.merge_cells(start_row=top, start_column=L, end_row=top + 1, end_column=L)
    ws.cell(top, L + 1, "宣传情况")
    ws.merge_cells(start_row=top, start_column=L + 1, end_row=top, end_column=L + 2)
    ws.cell(top, L + 3, "隐患排查整改情况")
    ws.merge_cells(start_row=top, start_column=L + 3, end_row=top, end_column=L + 6)
    for i, h in enumerate(["次数", "人数", "隐患总数（条）", "整改（条）", "其中：重大隐患（条）", "整改（条）"]):
        ws.cell(top + 1, L + 1 + i, h)


def expect(name, unit, rows, **extra):
    EXPECTED[name] = {"unit": unit, "rows": rows, **extra}


def v_official():
    """The blank as the county sent it, filled in: unit, contact and date typed into the
    cells right of their labels; numbers as numbers; empty cells for none; no 合计 row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "冬季安全“敲门行动”工作统计表"
    ws.merge_cells("A1:G1")
    ws["A2"] = "报送单位（乡镇/部门）："
    ws["B2"] = "红星村"
    ws["D2"] = "联系人："
    ws["E2"] = "张丽"
    ws["F2"] = "报送时间："
    ws["G2"] = date(2024, 12, 20)
    official_header(ws, 3, 1)
    rows = [
        [2, 150, 5, 4, 1, 1],
        [1, 80, 3, 3, 1, 0],
        [4, 300, 12, 10, 0, 0],
        [None, None, None, None, None, None],
        [1, 20, 1, 1, None, None],
        [None, None, 2, None, None, None],
        [1, 60, None, None, None, None],
    ]
    for i, (cat, vals) in enumerate(zip(CATS, rows)):
        ws.cell(5 + i, 1, cat)
        for j, v in enumerate(vals):
            if v is not None:
                ws.cell(5 + i, 2 + j, v)
    box(ws, "A3:G11")
    ws["A12"] = "本表由组织开展敲门行动的村（社区）或部门单位统计本级、本部门本单位开展情况，并逐级上报汇总。"
    wb.save(os.path.join(OUT, "v_official.xlsx"))
    expect("v_official.xlsx", "红星村", [[v or 0 for v in r] for r in rows],
           contact="张丽", report_date="2024-12-20", unreadable=[])


def v_shifted():
    """Extra blank rows and columns (the table starts at C6), a different title, the unit,
    contact and date in one cell, numbers typed as text (full-width digits, units, a thousands
    separator), a 合计 row that does not add up, and one cell that is not a number."""
    wb = Workbook()
    ws = wb.active
    ws.title = "统计"
    ws["C2"] = "李家村2024年12月冬季安全敲门行动开展情况统计"
    ws["C4"] = "报送单位：李家村   联系人：王五 13800138000   报送时间：2024年12月21日"
    official_header(ws, 6, 3)
    texts = [
        ["３", "１,２００", "7条", "6", "1", "1"],
        ["1", "90", "4", "4", "", ""],
        ["5", "400", "十二", "9", "0", "0"],
        ["", "", "", "", "", ""],
        ["-", "—", "1", "0", "", ""],
        ["2", "150", "3", "3", "1", "1"],
        ["0", "0", "0", "0", "0", "0"],
    ]
    for i, (cat, vals) in enumerate(zip(CATS, texts)):
        ws.cell(8 + i, 3, " " + cat + " ")
        for j, v in enumerate(vals):
            if v != "":
                ws.cell(8 + i, 4 + j, v).number_format = "@"
    ws.cell(15, 3, "合计")
    ws.cell(15, 4, "99")  # wrong on purpose
    box(ws, "C6:I15")
    wb.save(os.path.join(OUT, "v_shifted.xlsx"))
    rows = [
        [3, 1200, 7, 6, 1, 1],
        [1, 90, 4, 4, 0, 0],
        [5, 400, 0, 9, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0],
        [2, 150, 3, 3, 1, 1],
        [0, 0, 0, 0, 0, 0],
    ]
    expect("v_shifted.xlsx", "李家村", rows, contact="王五 13800138000",
           report_date="2024-12-21", unreadable=["F10"], period_month="2024年12月")


def v_reordered_xls(tmp):
    """Saved as .xls by LibreOffice: rows in another order with list numbers, an extra empty
    column between the columns, the unit name in the cell under its label."""
    wb = Workbook()
    ws = wb.active
    ws.title = "工作统计表"
    ws["A1"] = "冬季安全“敲门行动”工作统计表（12月）"
    ws["A3"] = "报送单位（乡镇/部门）"
    ws["A4"] = "东风社区"
    ws["E3"] = "联系人：刘强"
    ws["H3"] = "报送时间：2024.12.19"
    # Header at rows 6-7; column C is an empty spacer column.
    ws["A6"] = "行动名称"
    ws.merge_cells("A6:A7")
    ws["B6"] = "宣传情况"
    ws.merge_cells("B6:D6")
    ws["B7"] = "次数"
    ws["D7"] = "人数"
    ws["E6"] = "隐患排查整改情况"
    ws.merge_cells("E6:H6")
    for i, h in enumerate(["隐患总数（条）", "整改（条）", "其中：重大隐患（条）", "整改（条）"]):
        ws.cell(7, 5 + i, h)
    order = [6, 0, 2, 1, 5, 3, 4]
    values = {
        0: [1, 40, 2, 2, 0, 0],
        1: [2, 70, 1, 0, 1, 0],
        2: [3, 260, 9, 7, 2, 1],
        3: [0, 0, 1, 1, 0, 0],
        4: [1, 15, 0, 0, 0, 0],
        5: [0, 0, 0, 0, 0, 0],
        6: [1, 30, 0, 0, 0, 0],
    }
    for i, k in enumerate(order):
        r = 8 + i
        ws.cell(r, 1, f"{i + 1}.{CATS[k]}")
        v = values[k]
        ws.cell(r, 2, v[0])
        ws.cell(r, 4, v[1])
        for j in range(4):
            ws.cell(r, 5 + j, v[2 + j])
    box(ws, "A6:H14")
    src = os.path.join(tmp, "v_reordered.xlsx")
    wb.save(src)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    target = os.path.join(OUT, "v_reordered.xls")
    if soffice is None:
        if os.path.exists(target):
            print("LibreOffice not found: keeping the committed v_reordered.xls", file=sys.stderr)
        else:
            sys.exit("LibreOffice is needed once to write v_reordered.xls")
    else:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", tmp, src],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.copy(os.path.join(tmp, "v_reordered.xls"), target)
    expect("v_reordered.xls", "东风社区", [values[k] for k in range(7)], contact="刘强",
           report_date="2024-12-19", unreadable=[])


def v_single_header():
    """A WPS-made table: a notes sheet first, single-level header with other wording,
    short row names, the unit after a half-width colon."""
    wb = Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes["A1"] = "填表说明：每月23日前报送当月开展情况，数据不累计。"
    ws = wb.create_sheet("12月")
    ws["A1"] = "敲门行动统计表"
    ws["A2"] = "报送单位:石桥村"
    ws["C2"] = "联系人:赵六"
    ws["E2"] = "报送时间:2024-12-22"
    heads = ["行动名称", "宣传次数", "宣传人数", "隐患数", "已整改", "重大隐患", "重大隐患整改"]
    for j, h in enumerate(heads):
        ws.cell(3, 1 + j, h)
    short = ["煤气中毒", "燃气爆炸", "小火亡人", "有限空间中毒", "建筑施工", "冰雪道路交通", "森林火灾"]
    rows = [
        [1, 10, 1, 1, 0, 0],
        [1, 10, 1, 1, 1, 1],
        [1, 10, 1, 1, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [1, 10, 0, 0, 0, 0],
    ]
    for i, (name, vals) in enumerate(zip(short, rows)):
        ws.cell(4 + i, 1, name)
        for j, v in enumerate(vals):
            ws.cell(4 + i, 2 + j, float(v))
    ws.cell(11, 1, "合计")
    for j in range(6):
        col = "BCDEFG"[j]
        ws.cell(11, 2 + j, f"=SUM({col}4:{col}10)")
    box(ws, "A3:G11")
    wb.save(os.path.join(OUT, "v_single_header.xlsx"))
    expect("v_single_header.xlsx", "石桥村", rows, contact="赵六", report_date="2024-12-22",
           unreadable=[])


def v_november_dup():
    """The same unit as v_official again, for November: the township must be warned."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "冬季安全“敲门行动”工作统计表"
    ws["A2"] = "报送单位（乡镇/部门）：红星村"
    ws["D2"] = "联系人：张丽"
    ws["F2"] = "报送时间：2024年11月20日"
    official_header(ws, 3, 1)
    for i, cat in enumerate(CATS):
        ws.cell(5 + i, 1, cat)
        for j in range(6):
            ws.cell(5 + i, 2 + j, 1)
    wb.save(os.path.join(OUT, "v_november_dup.xlsx"))
    expect("v_november_dup.xlsx", "红星村", [[1] * 6 for _ in CATS], contact="张丽",
           report_date="2024-11-20", unreadable=[])


def not_a_table():
    """A household roster: must be refused."""
    wb = Workbook()
    ws = wb.active
    ws.append(["户主姓名", "地址", "联系电话", "居住人数"])
    ws.append(["张三", "红星村一组3号", "13800138000", 3])
    ws.append(["李四", "红星村二组8号", "13900139000", 2])
    wb.save(os.path.join(OUT, "not_a_table.xlsx"))


def publicity_log():
    """A publicity log as a clerk keeps it in Excel, with loose wording."""
    wb = Workbook()
    ws = wb.active
    ws.title = "宣传台账"
    ws["A1"] = "红星村冬季安全宣传活动台账"
    ws.append([])
    ws.append(["日期", "事故类型", "宣传形式", "次数", "覆盖人数", "备注"])
    ws.append([date(2024, 12, 1), "防煤气中毒事故", "大喇叭广播", 2, 300, "早晚各一次"])
    ws.append(["2024年12月3日", "燃气", "微信群", "1", "２５０", ""])
    ws.append([date(2024, 12, 5), "小火亡人", "播放警示教育片", 1, 45, "村委会议室"])
    ws.append([date(2024, 12, 8), "防森林火灾", "入户", 12, 36, None])
    ws.append([date(2024, 12, 9), "看不出类别", "讲座", 1, 20, None])
    ws.append([date(2024, 12, 10), "防冰雪道路交通事故", "村口拉横幅", 1, 0, None])
    ws.append(["12月35日", "防煤气中毒事故", "广播", 1, 10, None])
    wb.save(os.path.join(OUT, "publicity_log.xlsx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        v_official()
        v_shifted()
        v_reordered_xls(tmp)
        v_single_header()
        v_november_dup()
        not_a_table()
        publicity_log()
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"categories": CATS, "keys": KEYS, "files": EXPECTED}, f, ensure_ascii=False,
                  indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
