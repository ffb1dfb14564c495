//! The code on every pre-filled form (issue 18), read back the way an office would: the PDF
//! rendered by poppler's `pdftoppm` at 150 dpi and decoded by `zbarimg` (Debian zbar-tools),
//! also after ImageMagick made the page look like a phone photo (turned 3°, blurred, grainy,
//! a rough JPEG). Every code must name the household printed on its page and the template
//! version printed.

use qiaomen_core::formcode::{self, FormCode};
use qiaomen_core::grids::{self, GridInput};
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::pdf::jobs::{self, ChecklistJob, ChecklistSelection};
use qiaomen_core::Store;
use qiaomen_core::{inspections, templates};
use std::path::Path;
use std::process::Command;

fn run(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test (apt-get install poppler-utils zbar-tools imagemagick): {e}")
    })
}

fn ok(name: &str, args: &[&str]) {
    let out = run(name, args);
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The codes zbarimg finds in an image (none: empty).
fn decode(png: &Path) -> Vec<String> {
    let out = run("zbarimg", &["-q", "--raw", png.to_str().unwrap()]);
    // Exit 4: no symbol found.
    assert!(
        out.status.success() || out.status.code() == Some(4),
        "zbarimg failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

fn store_with(n: usize) -> Store {
    let store = Store::open_in_memory().unwrap();
    templates::install_builtin(store.conn()).unwrap();
    let tx = store.conn().unchecked_transaction().unwrap();
    let mut grid_ids = Vec::new();
    for g in 0..n.div_ceil(12) {
        let grid = grids::add(
            &tx,
            &GridInput {
                no: Some(g as i64 + 1),
                name: format!("第{}网格", g + 1),
                ..Default::default()
            },
        )
        .unwrap();
        grid_ids.push(grid.id);
    }
    for i in 0..n {
        households::add(
            &tx,
            &HouseholdInput {
                name: format!("王{}号户", i + 1),
                address: format!("下曲村{}组{}号", i / 12 + 1, i % 12 + 1),
                grid_id: Some(grid_ids[i / 12].clone()),
                // Every fifth household is an elderly-care home on the 民政 sheet.
                template_id: if i % 5 == 4 {
                    "zymz2024".into()
                } else {
                    String::new()
                },
                residents: Some(3),
                ..Default::default()
            },
        )
        .unwrap();
    }
    tx.commit().unwrap();
    store
}

#[test]
fn twenty_forms_decode_from_clean_and_degraded_renders() {
    let store = store_with(20);
    let c = store.conn();
    let job = ChecklistJob {
        selection: ChecklistSelection::All,
        template: None,
    };
    let r = jobs::checklists(c, &job, &|_, _| {}).unwrap();
    assert_eq!(
        r.pages, 20,
        "one page per household: the QR code adds no page"
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("forms.pdf");
    r.write_to(&pdf).unwrap();
    let prefix = dir.path().join("p");
    ok(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-gray",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let order = jobs::select_households(c, &ChecklistSelection::All).unwrap();
    assert_eq!(order.len(), 20);
    let mut degraded_ok = 0;
    for (i, h) in order.iter().enumerate() {
        let png = dir.path().join(format!("p-{:02}.png", i + 1));
        let t = inspections::template_for(c, h).unwrap();
        let want = FormCode::new(&h.code, &t).text();
        assert_eq!(
            decode(&png),
            vec![want.clone()],
            "page {} ({})",
            i + 1,
            h.code
        );
        // A phone photo of the page: turned 3° (one way or the other), blurred, grainy and
        // saved as a rough JPEG. (A blur of 1.5 pixels at 150 dpi is past what zbarimg
        // reads: a real photo has more pixels than that.)
        let photo = dir.path().join(format!("photo-{:02}.jpg", i + 1));
        ok(
            "convert",
            &[
                png.to_str().unwrap(),
                "-background",
                "white",
                "-rotate",
                if i % 2 == 0 { "3" } else { "-3" },
                "-blur",
                "0x1",
                // The same grain at every run: zbarimg misses the odd page from 0.5 up.
                "-seed",
                &(i + 1).to_string(),
                "-attenuate",
                "0.3",
                "+noise",
                "Gaussian",
                "-quality",
                "60",
                photo.to_str().unwrap(),
            ],
        );
        let got = decode(&photo);
        assert_eq!(
            got,
            vec![want.clone()],
            "degraded page {} ({})",
            i + 1,
            h.code
        );
        degraded_ok += 1;
        // The scan finds that household and the template version printed on its paper.
        let s = formcode::scan(c, &got[0]).unwrap();
        assert_eq!(s.household.id, h.id);
        assert_eq!(
            (s.template.id.as_str(), s.template.version),
            (t.id.as_str(), t.version)
        );
    }
    assert_eq!(degraded_ok, 20);
    // Both templates were printed.
    let ids: std::collections::HashSet<String> = order
        .iter()
        .map(|h| inspections::template_for(c, h).unwrap().id)
        .collect();
    assert_eq!(ids.len(), 2);
}

#[test]
fn blank_form_has_a_box_for_the_code_and_no_qr() {
    let store = store_with(1);
    let r = jobs::checklists(
        store.conn(),
        &ChecklistJob {
            selection: ChecklistSelection::Blank,
            template: None,
        },
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(r.pages, 1);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("blank.pdf");
    r.write_to(&pdf).unwrap();
    let text = String::from_utf8_lossy(&run("pdftotext", &[pdf.to_str().unwrap(), "-"]).stdout)
        .into_owned();
    assert!(text.contains("户编号"), "{text}");
    let prefix = dir.path().join("b");
    ok(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    assert!(decode(&dir.path().join("b-1.png")).is_empty());
}

#[test]
fn a_thousand_forms_stay_within_three_megabytes() {
    let store = store_with(1000);
    let r = jobs::checklists(
        store.conn(),
        &ChecklistJob {
            selection: ChecklistSelection::All,
            template: None,
        },
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(r.pages, 1000);
    // The figure for BENCHMARKS.md (cargo test --test form_codes -- --nocapture).
    eprintln!(
        "1,000 pre-filled forms with QR codes: {} bytes",
        r.bytes.len()
    );
    assert!(r.bytes.len() <= 3_000_000, "{} bytes", r.bytes.len());
}

#[test]
fn scanning_unknown_codes_opens_nothing() {
    let store = store_with(2);
    let c = store.conn();
    let e = formcode::scan(c, "QM1:09999:xq2024:1").unwrap_err();
    assert_eq!(e.code, qiaomen_core::ErrorCode::NotFound);
    assert!(e.message.contains("09999"), "{}", e.message);
    let e = formcode::scan(c, "QM1:01001:xq2024:7").unwrap_err();
    assert!(e.message.contains("第 7 版"), "{}", e.message);
    let e = formcode::scan(c, "hello").unwrap_err();
    assert_eq!(e.code, qiaomen_core::ErrorCode::Invalid);
}
