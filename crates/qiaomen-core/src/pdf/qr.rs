//! QR codes drawn as vectors: the module matrix from the `qrcode` crate, covered by as few
//! filled rectangles as a greedy pass finds, in a coordinate system of one unit per module
//! (integer coordinates keep each page's content stream short; BENCHMARKS.md).

use super::canvas::Page;
use super::PT_MM;
use crate::error::{Error, Result};
use printpdf::{CurTransMat, Op, PaintMode, Pt, Rect, WindingOrder};
use qrcode::{Color, EcLevel, QrCode};

/// The module matrix of `text` (error correction M: a form may be creased or stained).
/// Returns the width in modules and the dark modules row by row.
pub fn matrix(text: &str) -> Result<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| Error::invalid("表上的二维码内容太长，无法生成。").with_cause(e))?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, dark))
}

/// Rectangles (column, row, width, height) in modules covering exactly the dark modules.
pub fn rectangles(width: usize, dark: &[bool]) -> Vec<(usize, usize, usize, usize)> {
    let mut covered = vec![false; dark.len()];
    let free =
        |covered: &[bool], c: usize, r: usize| dark[r * width + c] && !covered[r * width + c];
    let mut out = Vec::new();
    for r in 0..width {
        for c in 0..width {
            if !free(&covered, c, r) {
                continue;
            }
            let mut w = 1;
            while c + w < width && free(&covered, c + w, r) {
                w += 1;
            }
            let mut h = 1;
            while r + h < width && (c..c + w).all(|cc| free(&covered, cc, r + h)) {
                h += 1;
            }
            for rr in r..r + h {
                for cc in c..c + w {
                    covered[rr * width + cc] = true;
                }
            }
            out.push((c, r, w, h));
        }
    }
    out
}

/// Draws the QR code of `text` as a square of side `size` mm with its top-left corner at
/// (x, y), into the page's current layer. The quiet zone around it (four modules) is left to
/// the caller. Returns the module size in mm.
pub fn draw(page: &mut Page, text: &str, x: f32, y: f32, size: f32) -> Result<f32> {
    let (width, dark) = matrix(text)?;
    let module = size / width as f32;
    let m = module / PT_MM;
    let left = x / PT_MM;
    let top = (page.height() - y) / PT_MM;
    let mut ops = Vec::with_capacity(dark.len() / 2 + 4);
    ops.push(Op::SaveGraphicsState);
    // One unit per module, rows going down the page.
    ops.push(Op::SetTransformationMatrix {
        matrix: CurTransMat::Raw([m, 0.0, 0.0, -m, left, top]),
    });
    for (c, r, w, h) in rectangles(width, &dark) {
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(c as f32),
                y: Pt(r as f32),
                width: Pt(w as f32),
                height: Pt(h as f32),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }
    ops.push(Op::RestoreGraphicsState);
    page.push_ops(ops);
    Ok(module)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles_cover_exactly_the_dark_modules() {
        let (w, dark) = matrix("QM1:01002:xq2024:1").unwrap();
        assert_eq!(
            w, 25,
            "a five-digit code and a short template id fit version 2"
        );
        let rects = rectangles(w, &dark);
        let mut seen = vec![false; dark.len()];
        for (c, r, rw, rh) in &rects {
            for rr in *r..r + rh {
                for cc in *c..c + rw {
                    assert!(dark[rr * w + cc], "light module covered at {cc},{rr}");
                    assert!(!seen[rr * w + cc], "module covered twice at {cc},{rr}");
                    seen[rr * w + cc] = true;
                }
            }
        }
        assert_eq!(seen, dark);
        // Far fewer rectangles than dark modules (the finder patterns alone are 3 × 33).
        let n_dark = dark.iter().filter(|d| **d).count();
        assert!(
            rects.len() * 2 < n_dark,
            "{} rects for {n_dark}",
            rects.len()
        );
    }
}
