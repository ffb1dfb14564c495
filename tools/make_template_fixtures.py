#!/usr/bin/env python3
"""Regenerates the checklist-template workbooks in tests/fixtures/templates/.

Written the way an office would: openpyxl stands for Excel/WPS (headings in another order
than ours, 是/否 typed as Y/N, √/×, 有/无, full-width digits in 序号 and 期限, a short form of
a 行动名称), and LibreOffice re-saves one of them as Calc would. The checklist is seed 002's
居民住房消防安全排查表 (三江镇, 附件6): electric wiring, gas, clutter, heating, smoking meat,
e-bike charging, 三清三关.

Needs: python3 with openpyxl; LibreOffice (`apt-get install -y libreoffice-calc`).

    python3 tools/make_template_fixtures.py
"""

import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "templates")

HEAD = ["检查内容", "序号", "行动名称", "隐患答案", "属性项", "重大隐患", "隐患说法", "整改期限(天)"]
ITEMS = [
    ["家中是否有孤寡老人、留守儿童、留守妇女、精神障碍患者、残疾人等弱势群体", 1, "", "", "弱势群体", "", "", ""],
    ["电气线路是否私拉乱接、老化破损", 2, "防小火亡人事故", "是", "", "否", "电气线路私拉乱接、老化破损", "７"],
    ["燃气软管是否老化、破损或超期使用", 3, "燃气爆炸", "Y", "", "√", "燃气软管老化、破损或超期使用", 3],
    ["院内、楼道是否堆放杂物、柴草", 4, "防小火亡人事故", "√", "", "×", "院内或楼道堆放杂物、柴草", ""],
    ["取暖是否使用炭火、蜂窝煤炉且门窗紧闭", 5, "防煤气中毒事故", "是", "", "是", "门窗紧闭使用炭火、煤炉取暖", 1],
    ["熏制腊肉是否有人看守、远离可燃物", 6, "防小火亡人事故", "N", "", "否", "熏制腊肉无人看守或靠近可燃物", 5],
    ["电动车是否在室内充电", 7, "防小火亡人事故", "有", "", "无", "电动车在室内充电", "３天"],
    ["是否做到“三清三关”（通道清、阳台清、厨房清，关电源、关气源、关门窗）", 8, "防小火亡人事故", "否", "", "否", "未做到“三清三关”", ""],
    ["是否为九小场所或生产、经营、居住合用的多合一场所", 9, "", "", "多合一场所", "", "", ""],
    ["是否会拨打119报警、会使用灭火器", "１０", "3.防小火亡人事故", "否", "", "否", "不会报火警或不会使用灭火器", ""],
]
FORM = [
    ["项目", "内容", "对应信息", "选项"],
    ["编号", ""],
    ["表名", "居民住房消防安全排查表"],
    ["标题", "居民住房消防安全排查表"],
    ["来源", "三江镇冬季消防安全“敲门行动”实施方案 附件6"],
    ["表头栏目", "户主姓名", "名称"],
    ["表头栏目", "家庭住址", "地址"],
    ["表头栏目", "常住人口", "居住人数"],
    ["表头栏目", "房屋结构", "建筑结构", "砖混、砖木、木结构"],
    ["表头栏目", "联系电话", "联系电话"],
    ["检查人员栏", "走访人"],
    ["填表日期栏", "走访日期"],
    ["其它隐患栏", "其他问题"],
    ["交办事项栏", "整改要求"],
    ["签字栏", "户主签字"],
    ["表下说明", "本表一户一份，由走访人填写，交村（社区）存档。"],
    ["表下说明", "发现隐患当场告知，限期整改，走访人负责回访。"],
]


def workbook(path, items=ITEMS, form=FORM, head=HEAD):
    wb = Workbook()
    ws = wb.active
    ws.title = "检查项目"
    ws.append(head)
    for row in items:
        ws.append(row)
    fs = wb.create_sheet("表样")
    for row in form:
        fs.append(row)
    hs = wb.create_sheet("说明")
    hs.append(["本单位的检查表（测试用）"])
    wb.save(path)


def with_form(key, value):
    return [r if r[0] != key else [key, value] + r[2:] for r in FORM]


def main():
    os.makedirs(OUT, exist_ok=True)
    workbook(os.path.join(OUT, "jmzf_openpyxl.xlsx"))

    # Version 2 of the same template: 编号 as the first import gives it, item 4 made major,
    # an item added.
    v2 = [list(r) for r in ITEMS]
    v2[3][5] = "是"
    v2.append(["燃气灶具是否安装熄火保护装置", 11, "防燃气爆炸事故", "否", "", "否", "燃气灶具无熄火保护装置", 7])
    workbook(os.path.join(OUT, "jmzf_v2.xlsx"), items=v2, form=with_form("编号", "jmzfxfaq"))

    # Mistakes, one each; nothing may be imported from them.
    bad = [list(r) for r in ITEMS]
    bad[3][2] = "防洪水事故"
    workbook(os.path.join(OUT, "bad_category.xlsx"), items=bad)
    bad = [list(r) for r in ITEMS]
    bad[4][3] = "可能"
    workbook(os.path.join(OUT, "bad_answer.xlsx"), items=bad)
    bad = [list(r) for r in ITEMS]
    bad[5][1] = 3
    workbook(os.path.join(OUT, "duplicate_no.xlsx"), items=bad)
    workbook(os.path.join(OUT, "no_items.xlsx"), items=[])
    workbook(
        os.path.join(OUT, "duplicate_name.xlsx"),
        form=with_form("表名", "安全隐患排查清单（下曲镇版，两种建筑结构）"),
    )

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice is needed for the re-saved fixture (apt-get install libreoffice-calc)")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "jmzf_libreoffice.xlsx")
        shutil.copy(os.path.join(OUT, "jmzf_openpyxl.xlsx"), src)
        conv = os.path.join(tmp, "out")
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", conv, src],
            check=True, capture_output=True,
        )
        shutil.copy(os.path.join(conv, "jmzf_libreoffice.xlsx"), os.path.join(OUT, "jmzf_libreoffice.xlsx"))
    print("written:", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
