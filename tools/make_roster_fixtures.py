#!/usr/bin/env python3
"""Regenerates the household-roster fixtures in tests/fixtures/rosters/.

Every file is written by a real third-party writer, the way offices produce them:
openpyxl for .xlsx (as Excel/WPS would store the cells), LibreOffice headless for the
.xls (BIFF8, "MS Excel 97") and .ods conversions and the renamed Word documents, and
Python's codecs for the GBK / UTF-8 CSV that Chinese Excel and WPS save.
One file per trap of issue 3 (see tests/fixtures/rosters/README.md).

Needs: python3 with openpyxl; LibreOffice (`apt-get install -y libreoffice-calc` or
`libreoffice-calc-nogui`, plus `libreoffice-writer-nogui` for the Word documents).

    python3 tools/make_roster_fixtures.py
"""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "rosters")

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"


def id_number(region, birth, seq):
    """A valid 18-digit ID (GB 11643) for fictional people."""
    body = f"{region}{birth}{seq:03d}"
    s = sum(int(d) * w for d, w in zip(body, W))
    return body + C[s % 11]


def bad_check(idn):
    last = idn[-1]
    return idn[:-1] + ("0" if last != "0" else "1")


# Fictional households: name, group, address, phone, id, residents, vulnerable
PEOPLE = [
    ("张三", "一组", "幸福村一组1号", "13800138000", id_number("410105", "19500312", 11), 3, 1),
    ("李四", "一组", "幸福村一组2号", "13900139001", id_number("410105", "19620704", 23), 4, 0),
    ("王五", "一组", "幸福村一组5号", "13700137002", id_number("410105", "19401120", 35), 1, 1),
    ("赵六", "二组", "幸福村二组3号", "15800158003", id_number("410105", "19781001", 47), 5, 2),
    ("孙七", "二组", "幸福村二组8号", "0371-6543210", id_number("410105", "19550228", 59), 2, 1),
    ("周八", "三组", "幸福村三组12号", "18600186004", id_number("410105", "19880606", 61), 3, 0),
    ("吴䶮", "三组", "幸福村三组15号", "13500135005", id_number("410105", "19710909", 73), 2, 0),
]

HEADER = ["序号", "户主\n姓名", "村民\n小组", "家庭住址", "联系电话\n（手机）", "身份证号码",
          "家庭人口", "弱势群体人数", "出生日期", "备注"]


def roster_sheet(ws, title="幸福村冬季安全敲门行动户籍花名册", people=PEOPLE):
    """A typical roster: merged title, a blank row, a header with line breaks, extra columns."""
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append([])
    ws.append(HEADER)
    for c in ws[3]:
        c.alignment = Alignment(wrap_text=True)
    for i, (name, group, addr, phone, idn, res, vul) in enumerate(people, 1):
        birth = datetime.date(int(idn[6:10]), int(idn[10:12]), int(idn[12:14])) if idn else None
        ws.append([i, name, group, addr, phone, idn, res, vul, birth, ""])
        ws.cell(row=ws.max_row, column=9).number_format = "yyyy-mm-dd"


def save(wb, name):
    path = os.path.join(OUT, name)
    wb.save(path)
    return path


def soffice(src, fmt, outdir):
    """Converts with LibreOffice headless; returns the new file's path."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", fmt, "--outdir", outdir, src],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    base = os.path.splitext(os.path.basename(src))[0]
    ext = fmt.split(":")[0]
    return os.path.join(outdir, f"{base}.{ext}")


def convert(src, ext, new_name):
    """LibreOffice conversion of a fixture to .xls/.ods under a new name."""
    fmt = {"xls": "xls:MS Excel 97", "ods": "ods", "docx": "docx:MS Word 2007 XML",
           "doc": "doc:MS Word 97"}[ext]
    with tempfile.TemporaryDirectory() as tmp:
        out = soffice(src, fmt, tmp)
        shutil.move(out, os.path.join(OUT, new_name))


def basic():
    """Title row merged across, blank row, header on row 3 with line breaks, extra columns
    (序号, 出生日期, 备注), and the roster on the second of three sheets."""
    wb = Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes.append(["填表说明：请按户填写，一户一行。"])
    notes.append(["联系电话请填写手机号。"])
    ws = wb.create_sheet("花名册")
    roster_sheet(ws)
    other = wb.create_sheet("统计")
    other.append(["组别", "户数"])
    other.append(["一组", 3])
    path = save(wb, "basic.xlsx")
    convert(path, "xls", "basic.xls")
    convert(path, "ods", "basic.ods")


def csv_files():
    """CSV as Chinese Excel/WPS saves it (GBK), and UTF-8 with and without a BOM."""
    lines = ["户主姓名,村民小组,家庭住址,联系电话,身份证号码,家庭人口"]
    for name, group, addr, phone, idn, res, _ in PEOPLE:
        lines.append(f"{name},{group},{addr},{phone},{idn},{res}")
    body = "\r\n".join(lines) + "\r\n"
    # 䶮 is not in GBK: Excel would write '?'; keep the GBK file to GBK characters.
    gbk_body = body.replace("吴䶮", "吴堃")
    with open(os.path.join(OUT, "gbk.csv"), "wb") as f:
        f.write(gbk_body.encode("gbk"))
    with open(os.path.join(OUT, "utf8_bom.csv"), "wb") as f:
        f.write(body.encode("utf-8-sig"))
    with open(os.path.join(OUT, "utf8.csv"), "wb") as f:
        f.write(body.encode("utf-8"))


def header_variants():
    """Other wordings: 户主/组别/住址/手机号/身份证号/居住人数/特殊人群类别/房屋结构/建筑层数/
    场所性质/网格/网格长, header on row 5 under notes, with a remark column to ignore."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["XX镇幸福村"])
    ws.append(["敲门行动入户对象名单"])
    ws.append(["报送单位：幸福村委会", None, None, "报送时间：2024年11月20日"])
    ws.append([])
    ws.append(["户主", "组别", "住址", "手机号", "身份证号", "居住人数", "特殊人群类别",
               "房屋结构", "建筑层数", "场所性质", "网格", "网格长", "走访日期", "说明"])
    ws.append(["钱一", "四组", "幸福村四组1号", "13800000001", id_number("410105", "19450101", 11),
               1, "独居老人", "砖混", 1, "居民住宅", "第四网格", "马网格", datetime.date(2024, 11, 2), ""])
    ws.append(["钱二", "四组", "幸福村四组2号", "13800000002", id_number("410105", "19800202", 22),
               4, "留守儿童", "砖木结构", 2, "居民住宅", "第四网格", "马网格", None, "外出务工"])
    ws.append(["幸福超市", "四组", "幸福村四组10号", "13800000003", "",
               2, "", "钢结构", 1, "九小场所", "第四网格", "马网格", None, ""])
    save(wb, "header_variants.xlsx")


def merged_groups():
    """组别 written once per block and merged vertically; also as .xls (merges kept) and
    .ods (merges not reported by the reader: filled down from the row above)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["序号", "组别", "户主姓名", "住址", "联系电话"])
    rows = [
        ("一组", "郑一", "幸福村一组21号", "13600000001"),
        ("一组", "郑二", "幸福村一组22号", "13600000002"),
        ("一组", "郑三", "幸福村一组23号", "13600000003"),
        ("二组", "冯一", "幸福村二组21号", "13600000004"),
        ("二组", "冯二", "幸福村二组22号", "13600000005"),
    ]
    for i, (g, n, a, p) in enumerate(rows, 1):
        ws.append([i, g if i in (1, 4) else None, n, a, p])
    ws.merge_cells("B2:B4")
    ws.merge_cells("B5:B6")
    path = save(wb, "merged_groups.xlsx")
    convert(path, "xls", "merged_groups.xls")
    convert(path, "ods", "merged_groups.ods")


def footer():
    """A 合计 row with totals, signature lines (填表人/审核人), a date line and a note."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["序号", "户主姓名", "地址", "联系电话", "家庭人口"])
    ws.append([1, "陈一", "幸福村五组1号", "13300000001", 3])
    ws.append([2, "陈二", "幸福村五组2号", "13300000002", 2])
    ws.append(["合计", None, None, None, 5])
    ws.append([])
    ws.append(["填表人：刘文书", None, "审核人：何主任"])
    ws.append(["填表日期：2024年11月20日"])
    ws.append(["注：本表一式两份。"])
    save(wb, "footer.xlsx")


def numbers_as_text():
    """Phones as 13800138000.0 (text and number), full-width digits, spaces (ASCII and
    full-width) inside names and phones, empty rows in the middle, rows holding only a 序号,
    two phones in one cell."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["序号", "户主姓名", "住址", "联系电话"])
    ws.append([1, "张 三丰", "幸福村六组1号", "13800138000.0"])
    ws.append([2, "李\u3000小四", "幸福村六组2号", 13900139000])
    ws.append([3, " 王五一 ", "幸福村六组3号", "１３７ ００１３ ７０００"])
    ws.append([])
    ws.append([4, "赵六二", "幸福村六组4号", "158 0015 8000"])
    ws.append([5])
    ws.append([6, "孙七三", "幸福村六组6号", "13800000006/13900000006"])
    ws.append([7])
    ws.append([])
    ws.append([8, "周八四", "幸福村六组8号", "12345"])
    save(wb, "numbers_as_text.xlsx")


def id_as_number():
    """18-digit IDs typed as numbers: Excel keeps 15 significant digits, so the stored
    value is already wrong. Also as .xls and as a CSV the way Excel exports it (1.10105E+17)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["户主姓名", "住址", "身份证号"])
    ws.append(["林一", "幸福村七组1号", float(id_number("410105", "19600101", 11))])
    ws.append(["林二", "幸福村七组2号", float(id_number("410105", "19700202", 22))])
    ws.append(["林三", "幸福村七组3号", id_number("410105", "19800303", 33)])  # text: fine
    path = save(wb, "id_as_number.xlsx")
    convert(path, "xls", "id_as_number.xls")
    body = "户主姓名,住址,身份证号\r\n林一,幸福村七组1号,4.10105E+17\r\n林三,幸福村七组3号,{}\r\n".format(
        id_number("410105", "19800303", 33))
    with open(os.path.join(OUT, "id_scientific.csv"), "wb") as f:
        f.write(body.encode("gbk"))


def bad_check_digit():
    """IDs as text: one valid, one with a wrong check digit, one with a lower-case x, one
    with an impossible birth date, one too short."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["户主姓名", "住址", "身份证号码"])
    good = id_number("410105", "19520515", 11)
    ws.append(["黄一", "幸福村八组1号", good])
    ws.append(["黄二", "幸福村八组2号", bad_check(id_number("410105", "19630616", 22))])
    x_id = next(id_number("410105", "19740717", s) for s in range(1, 999)
                if id_number("410105", "19740717", s).endswith("X"))
    ws.append(["黄三", "幸福村八组3号", x_id.lower()])
    ws.append(["黄四", "幸福村八组4号", "410105197413320011"])
    ws.append(["黄五", "幸福村八组5号", "41010519741"])
    save(wb, "bad_check_digit.xlsx")


def duplicates():
    """Exact duplicate rows (imported once), and two heads with the same name at different
    addresses (two households)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["户主姓名", "住址", "联系电话", "家庭人口"])
    ws.append(["何一", "幸福村九组1号", "13100000001", 2])
    ws.append(["何二", "幸福村九组2号", "13100000002", 3])
    ws.append(["何一", "幸福村九组1号", "13100000001", 2])  # exact duplicate of row 2
    ws.append(["王芳", "幸福村九组7号", "13100000007", 1])
    ws.append(["王芳", "幸福村九组9号", "13100000009", 4])  # same name, other address
    ws.append(["何二", "幸福村九组2号", "13100000002", 3])  # exact duplicate of row 3
    save(wb, "duplicates.xlsx")


def reimport():
    """An updated version of basic.xlsx's roster: 张三's phone changed, 李四's address
    changed (matched by ID), 王五 unchanged, 赵六 without his ID (matched by name + address),
    one new household."""
    people = list(PEOPLE)
    n, g, a, p, i, r, v = people[0]
    people[0] = (n, g, a, "13811112222", i, r, v)
    n, g, a, p, i, r, v = people[1]
    people[1] = (n, g, "幸福村一组2-1号", p, i, 5, v)
    n, g, a, p, i, r, v = people[3]
    people[3] = (n, g, a, p, "", r, v)
    people.append(("新户", "三组", "幸福村三组30号", "13200000030", id_number("410105", "19900101", 81), 2, 0))
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    roster_sheet(ws, title="幸福村户籍花名册（2024年12月更新）", people=people)
    save(wb, "basic_updated.xlsx")


def two_level_header():
    """A two-level header: 居住人员 merged over 总数 | 其中弱势群体, the single-level columns
    merged down over both header rows; also as .ods (no merge information)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["幸福村入户检查对象登记表"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "检查地点（对象）名称", "地址", "居住人员", None, "建筑结构", "联系电话"])
    ws.append([None, None, None, "总数", "其中：弱势群体", None, None])
    for col in "ABCFG":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:E2")
    ws.append([1, "谢一", "幸福村十组1号", 4, 1, "砖混结构", "13000000001"])
    ws.append([2, "谢二", "幸福村十组2号", 2, 0, "木结构", "13000000002"])
    path = save(wb, "two_level_header.xlsx")
    convert(path, "ods", "two_level_header.ods")


def vulnerable():
    """特殊人群类别 and 是否独居老人 columns."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["户主姓名", "住址", "联系电话", "身份证号", "家庭人口", "特殊人群类别", "是否独居老人"])
    ws.append(["韩一", "幸福村十一组1号", "13400000001", id_number("410105", "19380303", 11), 1, "", "是"])
    ws.append(["韩二", "幸福村十一组2号", "13400000002", "", 4, "留守儿童、残疾人", "否"])
    ws.append(["韩三", "幸福村十一组3号", "13400000003", "", 1, "孤寡老人", ""])
    ws.append(["韩四", "幸福村十一组4号", "13400000004", "", 3, "无", "否"])
    save(wb, "vulnerable.xlsx")


def three_thousand_households():
    """A plain roster of 3,000 households on sheet 花名册, header on row 1."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["序号", "户主姓名", "村民小组", "家庭住址", "联系电话"])
    for i in range(1, 3001):
        ws.append([i, f"测试{i}", f"{i % 9 + 1}组", f"幸福村{i}号", f"136{i:08d}"])
    return wb, ws


def stray_cell_far_below():
    """3,000 households, then a value typed by mistake in Excel's last row (1,048,576): read
    as one more row (and reported), not a reason to refuse the file."""
    wb, ws = three_thousand_households()
    ws.cell(row=1_048_576, column=7, value="核对完毕")
    save(wb, "stray_cell_far_below.xlsx")


def damaged_far_below():
    """3,000 households, then a cell whose XML is broken (as a half-written file from a
    crashed program would have it). A single-sheet .xlsx is imported while it is read, so
    the refusal comes after 3,000 rows were checked and written: the transaction must roll
    back. Written by openpyxl, then the sheet's XML is edited in the zip."""
    wb, _ = three_thousand_households()
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "good.xlsx")
        wb.save(good)
        broken = b'<row r="3003"><c r="B3003" t="inlineStr"><is><t>x</is></c></row></sheetData>'
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(
            os.path.join(OUT, "damaged_far_below.xlsx"), "w", zipfile.ZIP_DEFLATED
        ) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    assert data.count(b"</sheetData>") == 1
                    data = data.replace(b"</sheetData>", broken)
                zout.writestr(item, data)


def libreoffice_xlsx():
    """.xlsx saved by LibreOffice Calc: shared strings, and every cell mixing Chinese and
    Latin characters (幸福村1组1号) as rich text, one run per script with its font. The
    basic roster, and 600 households as tools/gen_bench_roster.py writes them (one sheet,
    so the import streams it) beside their openpyxl original."""
    fmt = "xlsx:Calc MS Excel 2007 XML"
    with tempfile.TemporaryDirectory() as tmp:
        shutil.move(soffice(os.path.join(OUT, "basic.xlsx"), fmt, tmp),
                    os.path.join(OUT, "basic_libreoffice.xlsx"))
        original = os.path.join(OUT, "roster_600.xlsx")
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_bench_roster.py"),
                        original, "600"], check=True)
        shutil.move(soffice(original, fmt, tmp), os.path.join(OUT, "roster_600_libreoffice.xlsx"))


def not_spreadsheets():
    """A Word document renamed .xlsx, a Word 97 document renamed .xls, and a truncated .xlsx."""
    with tempfile.TemporaryDirectory() as tmp:
        txt = os.path.join(tmp, "通知.txt")
        with open(txt, "w", encoding="utf-8") as f:
            f.write("关于开展冬季安全敲门行动的通知\n请各村于11月底前完成第一轮入户检查。\n")
        docx = soffice(txt, "docx:MS Word 2007 XML", tmp)
        shutil.copy(docx, os.path.join(OUT, "word_renamed.xlsx"))
        doc = soffice(txt, "doc:MS Word 97", tmp)
        shutil.copy(doc, os.path.join(OUT, "word97_renamed.xls"))
    with open(os.path.join(OUT, "basic.xlsx"), "rb") as f:
        data = f.read()
    with open(os.path.join(OUT, "truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])


def main():
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice (soffice) is needed: apt-get install -y libreoffice-calc libreoffice-writer")
    os.makedirs(OUT, exist_ok=True)
    basic()
    csv_files()
    header_variants()
    merged_groups()
    footer()
    numbers_as_text()
    id_as_number()
    bad_check_digit()
    duplicates()
    reimport()
    two_level_header()
    vulnerable()
    stray_cell_far_below()
    damaged_far_below()
    libreoffice_xlsx()
    not_spreadsheets()
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
