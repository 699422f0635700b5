//! Training and inference speed as networks grow: `784 => relu W => relu W => softmax 10` for
//! W = 128, 512, 1,024 and 2,048, with `nn`, PyTorch and numpy on one thread each. Training is
//! SGD on batches of 64 with cross entropy, inference one sample's forward pass; both in samples
//! per second, the median of three rounds. Prints a table and plots samples/s against the
//! parameter count, log-log, into a PNG (`wide.png` here, or the path given).
//!
//! ```sh
//! cd benches/peers
//! apt-get install python3-torch libopenblas0-serial   # PyTorch and numpy on OpenBLAS
//! cargo run --release --bin wide
//! ```
//!
//! `wide.py` runs the Python side (with `PEERS_PYTHON`, default `python3`); without it the table
//! has `nn` alone.

#[path = "../../../../examples/common/plot.rs"]
mod plot;
#[path = "../timing.rs"]
mod timing;
#[path = "../../../../examples/common/wide.rs"]
mod wide;

use std::error::Error;
use std::hint::black_box;
use std::path::Path;

use nn::Trainable;
use nn::activation::Softmax;
use plotters::prelude::*;
use wide::{BATCH, Training, WIDTHS, Width128, Width512, Width1024, Width2048};

/// Samples per second, training and inference, one pair per width.
type Figures = Vec<(f64, f64)>;

/// `nn`'s figures for one network.
fn nn_figures<N>() -> (f64, f64)
where
    N: Trainable<Scalar = f32, Input = [f32; 784], Output = [f32; 10], OutputActivation = Softmax>,
{
    let mut training = Training::<N>::new();
    let training_ns = timing::time(|| {
        training.step();
    });
    let image = training.batch[0].0;
    let inference = timing::time(|| {
        black_box(training.net.forward(black_box(&image)));
    });
    (BATCH as f64 * 1e9 / training_ns, 1e9 / inference)
}

fn parameters(width: usize) -> f64 {
    (784 * width + width + width * width + width + width * 10 + 10) as f64
}

/// The rows of `wide.py`; none if it cannot run.
fn python_rows() -> Vec<(String, Figures)> {
    let python = std::env::var("PEERS_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/wide.py");
    let output = match std::process::Command::new(&python).arg(script).output() {
        Ok(output) if output.status.success() => output,
        _ => {
            eprintln!("{python} {script} did not run: no PyTorch or numpy rows");
            return Vec::new();
        }
    };
    let Ok(rows) = serde_json::from_slice::<Vec<(String, Figures)>>(&output.stdout) else {
        eprintln!("{script} printed no list of rows: no PyTorch or numpy rows");
        return Vec::new();
    };
    rows
}

/// Samples/s against parameters, log-log: training on the left, inference on the right.
fn plot(path: &Path, rows: &[(String, Figures)]) -> Result<(), Box<dyn Error>> {
    let with_text = plot::register_sans_serif();
    let root = BitMapBackend::new(path, (1200, 520)).into_drawing_area();
    root.fill(&WHITE)?;
    let panels = root.split_evenly((1, 2));
    let colours = [BLUE, RED, GREEN, MAGENTA];
    let x_range = (parameters(WIDTHS[0]) / 1.5..parameters(WIDTHS[3]) * 1.5).log_scale();
    for (panel, (title, pick)) in panels.iter().zip([
        (
            "training, batch 64",
            (|f: &(f64, f64)| f.0) as fn(&(f64, f64)) -> f64,
        ),
        ("inference, one sample", |f: &(f64, f64)| f.1),
    ]) {
        let values = rows
            .iter()
            .flat_map(|(_, figures)| figures.iter().map(pick));
        let y_max = values.clone().fold(1.0, f64::max) * 2.0;
        let y_min = values.fold(f64::INFINITY, f64::min) / 2.0;
        let mut chart = ChartBuilder::on(panel);
        chart.margin(15);
        if with_text {
            chart
                .caption(format!("samples/s, {title}"), ("sans-serif", 22))
                .x_label_area_size(40)
                .y_label_area_size(70);
        }
        let mut chart = chart.build_cartesian_2d(x_range.clone(), (y_min..y_max).log_scale())?;
        let mut mesh = chart.configure_mesh();
        if with_text {
            mesh.x_desc("parameters")
                .x_label_formatter(&|x| format!("{:.1} M", x / 1e6))
                .y_label_formatter(&|y| format!("{y:.0}"));
        }
        mesh.draw()?;
        for ((name, figures), colour) in rows.iter().zip(colours) {
            let points: Vec<(f64, f64)> = WIDTHS
                .iter()
                .zip(figures)
                .map(|(&width, figure)| (parameters(width), pick(figure)))
                .collect();
            let series =
                chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?;
            if with_text {
                series
                    .label(name.as_str())
                    .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], colour));
            }
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 4, colour.filled())))?;
        }
        if with_text {
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .draw()?;
        }
    }
    root.present()?;
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "wide.png".into());
    let nn = vec![
        nn_figures::<Width128>(),
        nn_figures::<Width512>(),
        nn_figures::<Width1024>(),
        nn_figures::<Width2048>(),
    ];
    let mut rows = vec![("nn".to_owned(), nn)];
    rows.extend(python_rows());

    print!("| network | parameters |");
    for (name, _) in &rows {
        print!(" {name} training | {name} inference |");
    }
    println!();
    println!("|{}", " --- |".repeat(2 + 2 * rows.len()));
    for (w, width) in WIDTHS.iter().enumerate() {
        print!(
            "| `784 => relu {width} => relu {width} => softmax 10` | {:.2} M |",
            parameters(*width) / 1e6
        );
        for (_, figures) in &rows {
            print!(" {:.0} | {:.0} |", figures[w].0, figures[w].1);
        }
        println!();
    }
    plot(Path::new(&path), &rows)?;
    println!("\nplot: {path}");
    Ok(())
}
