//! Loss curves as PNG files, for the examples.

// Each example uses one of the plots.
#![allow(dead_code)]

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
pub fn register_sans_serif() -> bool {
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

/// Two panels side by side: the loss per epoch (logarithmic) and the accuracies per epoch.
pub fn training_curves(
    path: &Path,
    title: &str,
    loss: &[(f64, f64)],
    accuracies: &[(&str, Vec<(f64, f64)>)],
) -> Result<(), Box<dyn Error>> {
    let with_text = register_sans_serif();
    let root = BitMapBackend::new(path, (1200, 500)).into_drawing_area();
    root.fill(&WHITE)?;
    let root = if with_text {
        root.titled(title, ("sans-serif", 24))?
    } else {
        root
    };
    let (left, right) = root.split_horizontally(600);
    let epochs = loss.len().max(1) as f64;

    let positive = loss.iter().map(|p| p.1).filter(|&y| y > 0.0);
    let y_min = positive.clone().fold(f64::INFINITY, f64::min).min(1.0) / 2.0;
    let y_max = positive.fold(0.0, f64::max).max(y_min * 10.0) * 2.0;
    let mut chart = ChartBuilder::on(&left);
    chart.margin(15);
    if with_text {
        chart.x_label_area_size(40).y_label_area_size(60);
    }
    let mut chart = chart.build_cartesian_2d(0.0..epochs, (y_min..y_max).log_scale())?;
    let mut mesh = chart.configure_mesh();
    if with_text {
        mesh.x_desc("epoch")
            .y_desc("training loss")
            .y_label_formatter(&|y| format!("{y:.0e}"));
    } else {
        mesh.x_labels(0).y_labels(0);
    }
    mesh.draw()?;
    chart.draw_series(LineSeries::new(loss.iter().copied(), BLUE.stroke_width(2)))?;

    let mut chart = ChartBuilder::on(&right);
    chart.margin(15);
    if with_text {
        chart.x_label_area_size(40).y_label_area_size(60);
    }
    let mut chart = chart.build_cartesian_2d(0.0..epochs, 0.0..1.0)?;
    let mut mesh = chart.configure_mesh();
    if with_text {
        mesh.x_desc("epoch")
            .y_desc("accuracy")
            .y_label_formatter(&|y| format!("{:.0}%", 100.0 * y));
    } else {
        mesh.x_labels(0).y_labels(0);
    }
    mesh.draw()?;
    for (index, (name, points)) in accuracies.iter().enumerate() {
        let color = Palette99::pick(index).to_rgba();
        let series = chart.draw_series(LineSeries::new(
            points.iter().copied(),
            color.stroke_width(2),
        ))?;
        if with_text {
            series
                .label(*name)
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color));
        }
    }
    if with_text {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .label_font(("sans-serif", 16))
            .draw()?;
    }
    root.present()?;
    Ok(())
}
