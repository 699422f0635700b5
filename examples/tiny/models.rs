// The four MLPerf Tiny reference models, stage for stage as the benchmark's Keras definitions
// (github.com/mlcommons/tiny, `benchmark/training/*/keras_model.py` and `vww_model.py`) build
// them, channel first. Keras's batch normalisation: `eps 0.001`, momentum 0.99 (`momentum 0.01`
// in `PyTorch`'s terms). Dropout, which inference skips, is left out. Each comes with its
// `...Folded` form for inference, every batch normalisation folded into the layer before it.

nn::network! {
    /// Anomaly detection (`ToyCar`, DCASE 2020): a dense autoencoder of 640 log-mel values.
    pub struct AnomalyDetection = 640
        => identity 128 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 128 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 128 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 128 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 8 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 128 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 128 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 128 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 128 => relu batch_norm(eps 0.001, momentum 0.01)
        => identity 640;

    /// Keyword spotting (Speech Commands, 12 classes): DS-CNN on 49 x 10 MFCC features.
    pub struct KeywordSpotting = [1, 49, 10]
        => conv2d(64, 10x4, stride 2, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(64, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(64, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(64, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(64, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => avg_pool2d(24x5) => softmax 12;

    /// Visual wake words (person or not): `MobileNetV1` with width 0.25 on 96 x 96 RGB.
    pub struct VisualWakeWords = [3, 96, 96]
        => conv2d(8, 3x3, stride 2, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(16, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, stride 2, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(32, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(32, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, stride 2, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(64, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(64, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, stride 2, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(128, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(128, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(128, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(128, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(128, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(128, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, stride 2, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(256, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => depthwise_conv2d(3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => conv2d(256, 1x1) => relu batch_norm(eps 0.001, momentum 0.01)
        => global_avg_pool2d() => softmax 2;

    /// Image classification (CIFAR-10): `ResNet-8`, three residual stacks of 16, 32 and 64 filters.
    pub struct ImageClassification = [3, 32, 32]
        => conv2d(16, 3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
        => relu residual {
            => conv2d(16, 3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
            => conv2d(16, 3x3, same) => batch_norm(eps 0.001, momentum 0.01)
        }
        => relu residual {
            => conv2d(32, 3x3, stride 2, same) => relu batch_norm(eps 0.001, momentum 0.01)
            => conv2d(32, 3x3, same) => batch_norm(eps 0.001, momentum 0.01)
        } shortcut { => conv2d(32, 1x1, stride 2) }
        => relu residual {
            => conv2d(64, 3x3, stride 2, same) => relu batch_norm(eps 0.001, momentum 0.01)
            => conv2d(64, 3x3, same) => batch_norm(eps 0.001, momentum 0.01)
        } shortcut { => conv2d(64, 1x1, stride 2) }
        => global_avg_pool2d() => softmax 10;
}
