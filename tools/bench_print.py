#!/usr/bin/env python3
"""Benchmark: 1,000 pre-filled checklists in one PDF (qiaomen, release build) against
LibreOffice headless converting an equivalent one-page document to PDF, in one run.

    python3 tools/bench_print.py [--households 1000] [--lo-runs 5]

Needs: cargo, LibreOffice (`apt-get install -y libreoffice-writer-nogui`), pdfinfo.
The equivalent document is the same checklist (title, inspector/date line, the header table
with one household's values, the sixteen items with 是/否 boxes, the free-text boxes and
the footer notes) written as a flat ODF text document (.fodt), generated here from
assets/templates/xq2024.json. LibreOffice is timed two ways: one `soffice --convert-to pdf`
per document (what a clerk-side script would do; first run reported apart as cold), and 20
documents in one invocation (its start-up shared, the most favourable case for it).
Prints the figures and a Markdown table for BENCHMARKS.md.
"""

import argparse
import html
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def fodt(template, household):
    e = html.escape
    cell = lambda t: f'<table:table-cell table:style-name="T" office:value-type="string"><text:p>{e(t)}</text:p></table:table-cell>'
    rows = []
    pairs = [
        ("检查地点(对象)名称", household["name"], "建筑层数", "2"),
        ("地址", household["address"], "居住人员总数", "3人，其中：弱势群体1人"),
        ("场所建筑面积", "120平方米", "场所性质(居民住宅、多合一场所、工地、宿舍等)", "居民住宅"),
        ("建筑结构", "☐木结构 ☑砖木结构", "使用层数(地上、地下、半地下)", "地上"),
        ("联系人", household["name"], "联系电话", "13800138000"),
    ]
    for a, b, c, d in pairs:
        rows.append("<table:table-row>" + cell(a) + cell(b) + cell(c) + cell(d) + "</table:table-row>")
    items = []
    for it in template["items"]:
        items.append(
            "<table:table-row>"
            + cell(str(it["no"]))
            + cell(it["text"])
            + cell("☐是  ☐否")
            + "</table:table-row>"
        )
    notes = "".join(f"<text:p>{i + 1}. {e(n)}</text:p>" for i, n in enumerate(template["footer_notes"]))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="10pt" style:font-size-asian="10pt"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="1.2cm"/></style:page-layout>
  <style:style style:name="T" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.08cm"/></style:style>
  <style:style style:name="Tab" style:family="table"><style:table-properties style:width="18.6cm" table:align="left"/></style:style>
  <style:style style:name="H1" style:family="table-column"><style:table-column-properties style:column-width="3.3cm"/></style:style>
  <style:style style:name="H2" style:family="table-column"><style:table-column-properties style:column-width="5.5cm"/></style:style>
  <style:style style:name="H3" style:family="table-column"><style:table-column-properties style:column-width="4.6cm"/></style:style>
  <style:style style:name="H4" style:family="table-column"><style:table-column-properties style:column-width="5.2cm"/></style:style>
  <style:style style:name="I1" style:family="table-column"><style:table-column-properties style:column-width="0.9cm"/></style:style>
  <style:style style:name="I2" style:family="table-column"><style:table-column-properties style:column-width="14.5cm"/></style:style>
  <style:style style:name="I3" style:family="table-column"><style:table-column-properties style:column-width="3.2cm"/></style:style>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
 <office:body><office:text>
  <text:p>户编号 {e(household["code"])}　网格：{e(household["grid"])}</text:p>
  <text:h text:outline-level="1">{e(template["title"])}</text:h>
  <text:p>入户检查人员：＿＿＿＿＿＿＿＿　填表日期：＿＿年＿＿月＿＿日</text:p>
  <table:table table:name="header" table:style-name="Tab"><table:table-column table:style-name="H1"/><table:table-column table:style-name="H2"/><table:table-column table:style-name="H3"/><table:table-column table:style-name="H4"/>{"".join(rows)}</table:table>
  <table:table table:name="items" table:style-name="Tab"><table:table-column table:style-name="I1"/><table:table-column table:style-name="I2"/><table:table-column table:style-name="I3"/>{"".join(items)}</table:table>
  <text:p>{e(template["other_hazards_label"])}：</text:p><text:p/><text:p/>
  <text:p>{e(template["assigned_label"])}：</text:p><text:p/><text:p/>
  <text:p>{e(template["signature_label"])}：</text:p><text:p/>
  <text:p>注：</text:p>{notes}
 </office:text></office:body>
</office:document>
"""


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def pages(pdf):
    out = run(["pdfinfo", pdf]).stdout
    return int(next(l.split()[-1] for l in out.splitlines() if l.startswith("Pages:")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=1000)
    ap.add_argument("--lo-runs", type=int, default=5)
    ap.add_argument("--lo-batch", type=int, default=20)
    a = ap.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice is needed: apt-get install -y libreoffice-writer-nogui")

    print("building the release example (cargo build --release -p qiaomen-core --example bench_print)…", file=sys.stderr)
    subprocess.run(["cargo", "build", "--release", "-p", "qiaomen-core", "--example", "bench_print"], check=True, cwd=ROOT)
    exe = os.path.join(TARGET, "release", "examples", "bench_print")

    with tempfile.TemporaryDirectory() as tmp:
        out_pdf = os.path.join(tmp, "checklists.pdf")
        q = json.loads(run([exe, str(a.households), out_pdf]).stdout)
        assert pages(out_pdf) == q["pages"] == a.households, q
        run(["qpdf", "--check", out_pdf]) if shutil.which("qpdf") else None

        template = json.load(open(os.path.join(ROOT, "assets", "templates", "xq2024.json"), encoding="utf-8"))
        docs = []
        for i in range(max(a.lo_runs, a.lo_batch)):
            p = os.path.join(tmp, f"page{i:03}.fodt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(fodt(template, {"name": "王建国", "address": f"下曲村1组{i + 1}号", "code": f"01{i + 1:03}", "grid": "第1网格"}))
            docs.append(p)
        profile = "file://" + os.path.join(tmp, "lo-profile")
        lo = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", os.path.join(tmp, "lo")]
        single = []
        for i in range(a.lo_runs):
            t = time.perf_counter()
            run(lo + [docs[i]])
            single.append(time.perf_counter() - t)
        lo_pdf = os.path.join(tmp, "lo", "page000.pdf")
        lo_pages = pages(lo_pdf)
        t = time.perf_counter()
        run(lo + docs[: a.lo_batch])
        batch = (time.perf_counter() - t) / a.lo_batch
        cold, warm = single[0], statistics.median(single[1:]) if len(single) > 1 else single[0]

    per_page = q["seconds_per_page"]
    res = {
        "qiaomen": q,
        "libreoffice": {
            "pages_per_document": lo_pages,
            "cold_seconds": round(cold, 3),
            "warm_median_seconds": round(warm, 3),
            "batched_seconds_per_document": round(batch, 3),
            "batch": a.lo_batch,
        },
        "speedup_vs_warm_single": round(warm / per_page, 1),
        "speedup_vs_batched": round(batch / per_page, 1),
        "file_mb": round(q["bytes"] / 1e6, 2),
    }
    print(json.dumps(res, ensure_ascii=False, indent=2))
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| qiaomen: {q['pages']} pre-filled checklists, one PDF | {q['seconds']:.2f} s total, {per_page * 1000:.1f} ms/page |")
    print(f"| qiaomen: PDF size | {q['bytes'] / 1e6:.2f} MB ({q['bytes'] / 1e6 / 1.048576:.2f} MiB) |")
    print(f"| LibreOffice: one-page .fodt → PDF, one soffice per document | cold {cold:.2f} s, warm median {warm:.2f} s (n={a.lo_runs - 1}) |")
    print(f"| LibreOffice: {a.lo_batch} documents in one soffice call | {batch:.2f} s/document |")
    print(f"| speed-up per page | ×{res['speedup_vs_warm_single']} (vs one call per page), ×{res['speedup_vs_batched']} (vs batched) |")


if __name__ == "__main__":
    main()
