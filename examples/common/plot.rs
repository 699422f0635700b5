//! Loss curves as PNG files, for the examples.

use std::error::Error;
use std::path::Path;

use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

/// Where `DejaVu Sans` is found on Debian and most Linux systems (package `fonts-dejavu-core`).
const FONTS: [&str; 2] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
];

/// Registers `DejaVu Sans` for the plots' text; `false` when no font file is found, and the plots
/// are then drawn without text.
fn register_sans_serif() -> bool {
    FONTS.iter().any(|path| {
        std::fs::read(path).is_ok_and(|bytes| {
            register_font(
                "sans-serif",
                FontStyle::Normal,
                Box::leak(bytes.into_boxed_slice()),
            )
            .is_ok()
        })
    })
}

/// Plots `points` (x, loss) on a logarithmic loss axis, as dots (the seed's `plt.plot(.., '.')`).
pub fn loss_curve(
    path: &Path,
    title: &str,
    x_label: &str,
    points: &[(f64, f64)],
) -> Result<(), Box<dyn Error>> {
    let with_text = register_sans_serif();
    if !with_text {
        eprintln!(
            "no DejaVu Sans font found ({}): the plot has no text",
            FONTS.join(", ")
        );
    }
    let x_max = points.iter().map(|p| p.0).fold(1.0, f64::max);
    let positive = points.iter().map(|p| p.1).filter(|&y| y > 0.0);
    let y_min = positive.clone().fold(f64::INFINITY, f64::min).min(1.0) / 2.0;
    let y_max = positive.fold(0.0, f64::max).max(y_min * 10.0) * 2.0;

    let root = BitMapBackend::new(path, (900, 540)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root);
    chart.margin(15);
    if with_text {
        chart
            .caption(title, ("sans-serif", 24))
            .x_label_area_size(40)
            .y_label_area_size(70);
    }
    let mut chart = chart.build_cartesian_2d(0.0..x_max, (y_min..y_max).log_scale())?;
    let mut mesh = chart.configure_mesh();
    if with_text {
        mesh.x_desc(x_label)
            .y_desc("loss")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0e}"));
    } else {
        mesh.disable_x_mesh()
            .disable_y_mesh()
            .x_labels(0)
            .y_labels(0);
    }
    mesh.draw()?;
    chart.draw_series(
        points
            .iter()
            .filter(|p| p.1 > 0.0)
            .map(|&(x, y)| Circle::new((x, y), 2, BLUE.filled())),
    )?;
    root.present()?;
    Ok(())
}
