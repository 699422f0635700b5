//! A progress bar for long training: epoch, loss, accuracy and samples per second, on standard
//! error, drawn only when standard error is a terminal (quiet in CI and when piped).

use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The progress of a training run, one [`Progress::epoch`] call per epoch.
///
/// # Examples
///
/// ```
/// use nn::progress::Progress;
///
/// let mut progress = Progress::new(2);
/// progress.epoch(1_000, 0.52, Some(0.81));
/// let speed = progress.epoch(1_000, 0.31, Some(0.90));
/// assert!(speed > 0.0);
/// progress.finish();
/// ```
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    last: Instant,
}

impl Progress {
    /// A bar for `epochs` epochs, on standard error.
    pub fn new(epochs: u64) -> Self {
        Self::with_target(epochs, ProgressDrawTarget::stderr())
    }

    /// A bar that draws nothing, whatever the terminal.
    pub fn hidden(epochs: u64) -> Self {
        Self::with_target(epochs, ProgressDrawTarget::hidden())
    }

    fn with_target(epochs: u64, target: ProgressDrawTarget) -> Self {
        let style = ProgressStyle::with_template(
            "{bar:30.cyan/blue} epoch {pos}/{len} {msg} [{elapsed_precise}]",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::with_draw_target(Some(epochs), target).with_style(style);
        Self {
            bar,
            last: Instant::now(),
        }
    }

    /// `true` when nothing is drawn (standard error is not a terminal, or [`Progress::hidden`]).
    pub fn is_hidden(&self) -> bool {
        self.bar.is_hidden()
    }

    /// Records an epoch of `samples` samples with its mean `loss` and, for a classifier, its
    /// `accuracy` (a fraction); returns the samples per second since the previous epoch.
    pub fn epoch(&mut self, samples: usize, loss: f64, accuracy: Option<f64>) -> f64 {
        let now = Instant::now();
        let seconds = now.duration_since(self.last).as_secs_f64().max(1e-9);
        self.last = now;
        let speed = samples as f64 / seconds;
        let accuracy = accuracy.map_or(String::new(), |a| format!(" accuracy {:.1}%", 100.0 * a));
        self.bar
            .set_message(format!("loss {loss:.4}{accuracy} {speed:.0} samples/s"));
        self.bar.inc(1);
        speed
    }

    /// Ends the bar, leaving its last state on screen.
    pub fn finish(&self) {
        self.bar.finish();
    }
}
