//! The four `MLPerf` Tiny reference models declared with `network!` (`models.rs`): each one's
//! parameters and multiply-adds, as the benchmark counts them, and its folded form's.
//!
//! ```text
//! cargo run --release --example tiny
//! ```

mod models;

use models::{
    AnomalyDetection, AnomalyDetectionFolded, ImageClassification, ImageClassificationFolded,
    KeywordSpotting, KeywordSpottingFolded, VisualWakeWords, VisualWakeWordsFolded,
};
use nn::Network;

/// One model's row: its name, its declared network's summary and its folded one's.
fn row<N: Network, F: Network>(name: &str) {
    let (declared, folded) = (N::summary(), F::summary());
    println!(
        "| {name} | {} | {} | {} | {} |",
        declared.parameters(),
        folded.parameters(),
        folded.multiply_adds(),
        declared.layers.len(),
    );
}

fn main() {
    println!("| model | parameters | folded | multiply-adds | layers |");
    println!("| --- | --- | --- | --- | --- |");
    row::<AnomalyDetection, AnomalyDetectionFolded>("anomaly detection (autoencoder)");
    row::<KeywordSpotting, KeywordSpottingFolded>("keyword spotting (DS-CNN)");
    row::<VisualWakeWords, VisualWakeWordsFolded>("visual wake words (MobileNetV1 0.25)");
    row::<ImageClassification, ImageClassificationFolded>("image classification (ResNet-8)");
}
