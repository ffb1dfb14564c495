//! The weekly chart of the written report as a PNG picture: hazards found and closed per
//! week, stacked by 行动名称 — the same figures as the 工作台's chart. Drawn with plotters'
//! bitmap backend into a pixel buffer; text in the embedded Noto Sans CJK SC (the PDF
//! font) through ab_glyph, so the picture needs no font on the machine.

use crate::category::Category;
use crate::desk::WeekCounts;
use crate::error::{Error, Result};
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use std::sync::OnceLock;

/// The family name the embedded font is registered under.
const FONT: &str = "qiaomen-cjk";
/// Picture size in pixels (shown 16 cm wide in the document).
pub const WIDTH: u32 = 1600;
pub const HEIGHT: u32 = 900;

/// One colour per 行动名称, in the table's order (the 工作台's chart uses the same).
pub const COLORS: [(u8, u8, u8); 7] = [
    (0xc2, 0x3b, 0x22), // 防煤气中毒事故
    (0xe0, 0x8e, 0x0b), // 防燃气爆炸事故
    (0x2f, 0x6f, 0xb3), // 防小火亡人事故
    (0x6a, 0x4c, 0x93), // 防有限空间中毒事故
    (0x7a, 0x6a, 0x4f), // 防建筑施工事故
    (0x1b, 0x8a, 0x8f), // 防冰雪道路交通事故
    (0x3d, 0x8b, 0x37), // 防森林火灾
];

fn font_ready() -> Result<()> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        register_font(FONT, FontStyle::Normal, crate::pdf::fonts::NOTO_SANS_CJK_SC).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(Error::internal(
            "程序内部错误：画图用的字库无法读取，请重新安装本软件。",
        ))
    }
}

fn draw_err<E: std::error::Error + Send + Sync + 'static>(e: E) -> Error {
    Error::internal("程序内部错误：每周情况图没有画出来。").with_cause(e)
}

/// Draws the weekly chart; returns the PNG file's bytes.
pub fn weekly_png(weeks: &[WeekCounts], title: &str) -> Result<Vec<u8>> {
    font_ready()?;
    let mut buf = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, weeks, title)?;
        root.present().map_err(draw_err)?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(draw_err)?;
        w.write_image_data(&buf).map_err(draw_err)?;
    }
    Ok(out)
}

fn draw(
    root: &DrawingArea<BitMapBackend, plotters::coord::Shift>,
    weeks: &[WeekCounts],
    title: &str,
) -> Result<()> {
    let n = weeks.len().max(1);
    let sum = |v: &[i64]| v.iter().sum::<i64>();
    let top = weeks
        .iter()
        .map(|w| sum(&w.found).max(sum(&w.closed)))
        .max()
        .unwrap_or(0)
        .max(5);
    let ymax = (top as f64 * 1.15).ceil();
    let text = |size: u32| (FONT, size).into_font();
    let mut chart = ChartBuilder::on(root)
        .caption(title, text(46))
        .margin(28)
        .x_label_area_size(110)
        .y_label_area_size(100)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..ymax)
        .map_err(draw_err)?;
    let week_label = |x: &f64| -> String {
        let i = x.round();
        if (x - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        weeks
            .get(i as usize)
            .map(|w| w.short.clone())
            .unwrap_or_default()
    };
    let whole = |y: &f64| -> String {
        if (y - y.round()).abs() > 1e-6 {
            String::new()
        } else {
            format!("{y:.0}")
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_max_light_lines(0)
        .x_labels(n.min(10))
        .y_labels(8)
        .x_label_formatter(&week_label)
        .y_label_formatter(&whole)
        .label_style(text(30))
        .axis_desc_style(text(32))
        // No full-width brackets: plotters' ab_glyph drawing drops a glyph's left bearing,
        // which pushes （ and ） off their place.
        .x_desc("每周左柱为发现的隐患，右柱浅色为整改的隐患")
        .y_desc("隐患条数")
        .draw()
        .map_err(draw_err)?;

    // Stack the categories bottom-up; a category appears in the legend only if it has any.
    let mut base_found = vec![0i64; weeks.len()];
    let mut base_closed = vec![0i64; weeks.len()];
    for (c, cat) in Category::ALL.iter().enumerate() {
        let (r, g, b) = COLORS[c];
        let color = RGBColor(r, g, b);
        let any = weeks.iter().any(|w| {
            w.found.get(c).copied().unwrap_or(0) + w.closed.get(c).copied().unwrap_or(0) > 0
        });
        if !any {
            continue;
        }
        let mut bars = Vec::new();
        for (i, w) in weeks.iter().enumerate() {
            let x = i as f64;
            let f = w.found.get(c).copied().unwrap_or(0);
            let k = w.closed.get(c).copied().unwrap_or(0);
            if f > 0 {
                let y0 = base_found[i] as f64;
                bars.push(Rectangle::new(
                    [(x - 0.4, y0), (x - 0.02, y0 + f as f64)],
                    color.filled(),
                ));
                base_found[i] += f;
            }
            if k > 0 {
                let y0 = base_closed[i] as f64;
                bars.push(Rectangle::new(
                    [(x + 0.02, y0), (x + 0.4, y0 + k as f64)],
                    color.mix(0.45).filled(),
                ));
                base_closed[i] += k;
            }
        }
        chart
            .draw_series(bars)
            .map_err(draw_err)?
            .label(cat.name())
            .legend(move |(x, y)| Rectangle::new([(x, y - 12), (x + 30, y + 12)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .label_font(text(30))
        .draw()
        .map_err(draw_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(short: &str, found: [i64; 7], closed: [i64; 7]) -> WeekCounts {
        WeekCounts {
            from: String::new(),
            to: String::new(),
            label: short.into(),
            short: short.into(),
            found: found.to_vec(),
            closed: closed.to_vec(),
        }
    }

    #[test]
    fn draws_a_png_with_its_bars() {
        let weeks = vec![
            week("11月20日", [2, 0, 5, 0, 0, 0, 0], [1, 0, 2, 0, 0, 0, 0]),
            week("11月25日", [0, 1, 3, 0, 0, 0, 0], [1, 1, 4, 0, 0, 0, 0]),
        ];
        let png = weekly_png(&weeks, "各周发现和整改的隐患条数").unwrap();
        assert!(png.starts_with(&[0x89, b'P', b'N', b'G']));
        let dec = png::Decoder::new(std::io::Cursor::new(&png));
        let mut reader = dec.read_info().unwrap();
        let mut px = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut px).unwrap();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        // The fire category's blue is on the picture (its bars), and so is dark text.
        let (r, g, b) = COLORS[2];
        let has = |f: &dyn Fn(&[u8]) -> bool| px.chunks(3).any(f);
        assert!(has(&|p| p == [r, g, b]));
        assert!(has(&|p| p[0] < 60 && p[1] < 60 && p[2] < 60));
        // No weeks at all still draws (an empty season).
        assert!(weekly_png(&[], "空").is_ok());
    }
}
