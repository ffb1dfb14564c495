#!/usr/bin/env python3
"""The baseline of the import benchmark: a short pandas + openpyxl -> sqlite3 script doing
the same import as `qiaomen import households` on the benchmark roster (header on row 3,
footer rows dropped, names/phones/IDs tidied, IDs checked, duplicates dropped, grids from
村民小组, one transaction into the qiaomen database).

    python3 tools/bench_import_pandas.py ROSTER.xlsx QIAOMEN.db
"""

import datetime
import sqlite3
import sys
import uuid

import pandas as pd

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"


def valid_id(s):
    if len(s) != 18 or not s[:17].isdigit():
        return False
    return C[sum(int(d) * w for d, w in zip(s, W)) % 11] == s[17]


def main():
    path, db = sys.argv[1], sys.argv[2]
    df = pd.read_excel(path, header=2, dtype=str, engine="openpyxl")
    df.columns = [str(c).replace("\n", "") for c in df.columns]
    df = df[df["户主姓名"].notna()]
    df = df[~df["序号"].astype(str).str.startswith(("合计", "填表"))]
    df["户主姓名"] = df["户主姓名"].str.replace(r"\s", "", regex=True)
    df["联系电话"] = df["联系电话"].fillna("").str.replace(r"\.0$", "", regex=True).str.replace(" ", "")
    ids = df["身份证号码"].fillna("").str.strip().str.upper()
    df["身份证号码"] = ids.where(ids.map(valid_id), "")
    df = df.drop_duplicates(subset=["户主姓名", "家庭住址", "联系电话", "身份证号码"])
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    con = sqlite3.connect(db)
    with con:
        grids = {}
        for no, g in enumerate(sorted(df["村民小组"].dropna().unique()), 1):
            gid = str(uuid.uuid4())
            con.execute("INSERT INTO grids (id, no, name, created_at, updated_at) VALUES (?,?,?,?,?)",
                        (gid, no, g, now, now))
            grids[g] = (gid, no)
        seq = {}
        rows = []
        for r in df.itertuples(index=False):
            gid, no = grids[r[2]]
            seq[no] = seq.get(no, 0) + 1
            rows.append((str(uuid.uuid4()), f"{no:02d}{seq[no]:03d}", gid, r[1], r[3], r[2],
                         int(float(r[10])), int(float(r[6])), int(float(r[7])), r[9], r[4], r[5],
                         "" if pd.isna(r[12]) else r[12], now, now))
        con.executemany(
            "INSERT INTO households (id, code, grid_id, name, address, village_group, floors, residents,"
            " vulnerable, structure, phone, id_number, note, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.close()
    print(len(rows))


if __name__ == "__main__":
    main()
