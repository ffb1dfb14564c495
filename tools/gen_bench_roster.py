#!/usr/bin/env python3
"""Writes a 20,000-household roster .xlsx for the import benchmark (openpyxl, write-only).

    python3 tools/gen_bench_roster.py OUT.xlsx [ROWS]

Like a real roster: a title row, a blank row, the header on row 3 (13 columns, line breaks
in some header cells), 村民小组 blocks, phones as numbers in some rows and as text with
".0" in others, valid 18-digit IDs as text, a few IDs stored as numbers, 序号 and remarks.
"""

import random
import sys

from openpyxl import Workbook

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕建国志文斌海波辉宇浩鑫鹏飞"
STRUCT = ["砖混结构", "砖木结构", "木结构", "钢结构"]
KINDS = ["", "", "", "", "", "", "独居老人", "留守儿童", "残疾人", "五保户"]


def id_number(rng, i):
    body = f"410105{1930 + i % 80:04d}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    s = sum(int(d) * w for d, w in zip(body, W))
    return body + C[s % 11]


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    rng = random.Random(20241223)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["幸福镇2024年冬季安全敲门行动户籍花名册"])
    ws.append([])
    ws.append(["序号", "户主\n姓名", "村民小组", "家庭住址", "联系电话", "身份证号码", "家庭\n人口",
               "弱势群体人数", "特殊人群类别", "房屋结构", "建筑层数", "场所性质", "备注"])
    for i in range(1, n + 1):
        group = f"{(i - 1) // 500 + 1}组"
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if i % 3 else "")
        phone_n = 13000000000 + rng.randrange(0, 999999999)
        phone = phone_n if i % 4 == 0 else (f"{phone_n}.0" if i % 4 == 1 else str(phone_n))
        idn = id_number(rng, i)
        id_cell = float(idn[:17] + "0") if i % 97 == 0 else idn
        residents = rng.randrange(1, 7)
        kind = rng.choice(KINDS)
        vul = 1 if kind else 0
        ws.append([i, name, group, f"幸福村{group}{i}号", phone, id_cell, residents, vul, kind,
                   rng.choice(STRUCT), rng.randrange(1, 4), "居民住宅", "" if i % 10 else "外出务工"])
    ws.append(["合计", None, None, None, None, None, None])
    ws.append(["填表人：", None, "审核人：", None, "填表日期：2024年11月20日"])
    wb.save(out)


if __name__ == "__main__":
    main()
