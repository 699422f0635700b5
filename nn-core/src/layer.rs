//! What the code `network!` generates and the runtime agree on about a layer: its shape, and the
//! counts, tensors and rules derived from it, written once; and the [`Layer`] trait, the products
//! the generated code calls for one sample, which every layer kind implements. `network!` reads
//! the shapes while it expands (for the parameter count in the docs it writes, the tensors'
//! metadata, and to decide which networks train in blocks), the runtime in its constants and
//! kernels, and a network's [`Summary`](crate::Summary) holds each layer's.
//!
//! # Examples
//!
//! ```
//! use nn::layer::Shape;
//!
//! // 3 channels to 8 filters of 3 x 3, an output of 6 x 6 places per filter.
//! let conv = Shape::conv2d(3, 8, [3, 3], [6, 6]);
//! assert_eq!(conv.parameters(), 3 * 3 * 3 * 8 + 8);
//! assert_eq!(conv.multiply_adds(), 3 * 3 * 3 * 8 * 36);
//! assert!(conv.is_large());
//! let weight = conv.tensors().as_slice()[0];
//! assert_eq!(weight.torch_shape.axes(), [8, 3, 3, 3]);
//! ```

use crate::{Scalar, TensorKind, TorchOrder};

/// A layer's products for one sample, as `network!`'s generated code calls them: its input `X`
/// and total input `U` in the layer's own shapes (`[T; N]` for a [`Dense`](crate::Dense) layer,
/// channels of rows, `[[[T; W]; H]; C]` or `[[T; L]; C]`, for a convolution or a pooling), and
/// where it goes over its input, its [`Geometry`](Layer::Geometry), given to each product. The
/// generated code keeps every value flat and names `X` and `U` for each layer, whose sizes it
/// knows; [`reshape`](crate::reshape) sees a flat array in those shapes.
///
/// [`Dense`](crate::Dense), [`Conv2d`](crate::Conv2d) and [`Conv1d`](crate::Conv1d) implement
/// it, and pooling as [`MaxPool2d`](crate::MaxPool2d) and [`AvgPool2d`](crate::AvgPool2d). A
/// dense layer's own methods do more (its activation fused into the forward pass, blocks of
/// samples, products shared by threads), and the generated code calls those for it.
///
/// # Examples
///
/// ```
/// use nn::layer::Layer;
/// use nn::{Conv2d, MaxPool2d, Pool2d, Sliding};
///
/// // A 2 x 2 kernel of ones over one channel, then 2 x 2 max pooling of its 2 x 2 output.
/// let conv = Conv2d::<f32, 1, 1, 2, 2>::new([[[[1.0], [1.0]], [[1.0], [1.0]]]], [0.0]);
/// let x = [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]];
/// let mut u = [[[0.0; 2]; 2]; 1];
/// conv.total_input(&x, Sliding::VALID, &mut u);
/// assert_eq!(u, [[[12.0, 16.0], [24.0, 28.0]]]);
/// let mut pooled = [[[0.0; 1]; 1]; 1];
/// Layer::total_input(&MaxPool2d, &u, Pool2d::square(2), &mut pooled);
/// assert_eq!(pooled, [[[28.0]]]);
/// ```
pub trait Layer<T: Scalar, X, U> {
    /// Where the layer goes over its input: `()` for a dense layer, a
    /// [`Sliding`](crate::Sliding) for a convolution (for [`Conv1d`](crate::Conv1d), over one
    /// row), a [`Pool2d`](crate::Pool2d) for pooling.
    type Geometry: Copy;

    /// The total input `u` of the input `x`, into `u` (written, not read).
    fn total_input(&self, x: &X, geometry: Self::Geometry, u: &mut U);

    /// The gradient with respect to the input `x`, into `dx` (written, not read), given the
    /// gradient `du` with respect to `u`.
    fn input_gradient(&self, x: &X, du: &U, geometry: Self::Geometry, dx: &mut X);

    /// Adds `factor` times the gradient with respect to the parameters into `self`, a layer used
    /// as a gradient (or, for `factor = -learning_rate`, a step of gradient descent), given the
    /// input `x` and `du`. Nothing, for a layer without parameters.
    fn add_scaled_gradient(&mut self, x: &X, du: &U, geometry: Self::Geometry, factor: T);
}

/// A layer's shape: its kind and its widths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A fully connected layer from `inputs` to `outputs`: `u = x·W + b`.
    Dense {
        /// The input width.
        inputs: usize,
        /// The output width.
        outputs: usize,
    },
    /// A 2-D convolution from `channels` to `filters` with a `kernel` of rows x columns, whose
    /// output is `output` rows x columns (per filter).
    Conv2d {
        /// The input's channels.
        channels: usize,
        /// The filters: the output's channels.
        filters: usize,
        /// The kernel's rows and columns.
        kernel: [usize; 2],
        /// The output's rows and columns.
        output: [usize; 2],
    },
    /// A 1-D convolution from `channels` to `filters` with a `kernel` long, whose output is
    /// `output` long (per filter).
    Conv1d {
        /// The input's channels.
        channels: usize,
        /// The filters: the output's channels.
        filters: usize,
        /// The kernel's length.
        kernel: usize,
        /// The output's length.
        output: usize,
    },
    /// A depthwise 2-D convolution of `channels`, each with its own `kernel` of rows x columns,
    /// whose output is `output` rows x columns (per channel).
    DepthwiseConv2d {
        /// The input's channels, and the output's.
        channels: usize,
        /// The kernel's rows and columns.
        kernel: [usize; 2],
        /// The output's rows and columns.
        output: [usize; 2],
    },
    /// Batch normalisation of `channels`, each of `places` values (rows times columns, a 1-D
    /// input's length, or 1 after a dense layer): a scale and a shift per channel, and the running
    /// mean and variance of inference.
    BatchNorm {
        /// The channels: each normalised alone.
        channels: usize,
        /// The values of each channel in one sample.
        places: usize,
    },
    /// The sum that ends a residual block, of its output and its shortcut's, `values` of each:
    /// no parameters and no multiply-adds.
    Add {
        /// The values of each addend, and of the sum.
        values: usize,
    },
    /// 2-D pooling, max or average, of each of `channels` by a `window`: no parameters and, as
    /// far as the rules here go, no multiply-adds.
    Pool2d {
        /// The channels, each pooled alone.
        channels: usize,
        /// The window's rows and columns.
        window: [usize; 2],
        /// The output's rows and columns.
        output: [usize; 2],
    },
}

/// A layer with at least this many multiply-adds per sample is large: its products are
/// dispatched to the best instruction set the CPU has, a network with such a layer trains in
/// blocks of samples, and threads share its products. Below it, an indirect call and the
/// blocks' buffers cost more than they save.
pub const LARGE_MULTIPLY_ADDS: usize = 4096;

impl Shape {
    /// A dense layer's shape.
    pub const fn dense(inputs: usize, outputs: usize) -> Self {
        Self::Dense { inputs, outputs }
    }

    /// A 2-D convolution's shape.
    pub const fn conv2d(
        channels: usize,
        filters: usize,
        kernel: [usize; 2],
        output: [usize; 2],
    ) -> Self {
        Self::Conv2d {
            channels,
            filters,
            kernel,
            output,
        }
    }

    /// A 1-D convolution's shape.
    pub const fn conv1d(channels: usize, filters: usize, kernel: usize, output: usize) -> Self {
        Self::Conv1d {
            channels,
            filters,
            kernel,
            output,
        }
    }

    /// A depthwise 2-D convolution's shape.
    pub const fn depthwise_conv2d(channels: usize, kernel: [usize; 2], output: [usize; 2]) -> Self {
        Self::DepthwiseConv2d {
            channels,
            kernel,
            output,
        }
    }

    /// The weights' rows (each output's fan-in) and columns (the outputs each row reaches): a
    /// dense layer's inputs and outputs, a convolution's channels times kernel places, and
    /// filters; a depthwise convolution's kernel places and channels; none for pooling.
    pub const fn weight_matrix(self) -> (usize, usize) {
        match self {
            Self::Pool2d { .. } | Self::Add { .. } | Self::BatchNorm { .. } => (0, 0),
            Self::Dense { inputs, outputs } => (inputs, outputs),
            Self::Conv2d {
                channels,
                filters,
                kernel,
                ..
            } => (channels * kernel[0] * kernel[1], filters),
            Self::Conv1d {
                channels,
                filters,
                kernel,
                ..
            } => (channels * kernel, filters),
            Self::DepthwiseConv2d {
                channels, kernel, ..
            } => (kernel[0] * kernel[1], channels),
        }
    }

    /// The number of parameters: the weights and a bias per output, `rows * columns + columns`;
    /// for batch normalisation, four per channel (scale, shift, and the running mean and
    /// variance, which inference reads and a weights file holds, as Keras counts them).
    pub const fn parameters(self) -> usize {
        if let Self::BatchNorm { channels, .. } = self {
            return 4 * channels;
        }
        let (rows, columns) = self.weight_matrix();
        rows * columns + columns
    }

    /// The multiply-adds of one sample's forward pass: a dense layer's `inputs * outputs`; a
    /// convolution's weights times its output's places; a batch normalisation's one per value
    /// (none once folded into the layer before it).
    pub const fn multiply_adds(self) -> usize {
        let (rows, columns) = self.weight_matrix();
        match self {
            Self::BatchNorm { channels, places } => channels * places,
            Self::Dense { .. } | Self::Pool2d { .. } | Self::Add { .. } => rows * columns,
            Self::Conv2d { output, .. } | Self::DepthwiseConv2d { output, .. } => {
                rows * columns * output[0] * output[1]
            }
            Self::Conv1d { output, .. } => rows * columns * output,
        }
    }

    /// Whether the layer is large ([`LARGE_MULTIPLY_ADDS`]).
    pub const fn is_large(self) -> bool {
        self.multiply_adds() >= LARGE_MULTIPLY_ADDS
    }

    /// The layer's parameter tensors, in the order of a network's `TENSORS`: its weight, then its
    /// bias; a batch normalisation's scale, shift, running mean and running variance; none for
    /// pooling. The weight is [`Shape::weight_matrix`] in `nn`'s memory and its
    /// transpose in `PyTorch`'s: a dense layer's `[outputs, inputs]`, a convolution's
    /// `[filters, channels, kernel rows, kernel columns]`, a depthwise one's `[channels, 1, kernel
    /// rows, kernel columns]`.
    pub const fn tensors(self) -> ParameterTensors {
        let (rows, columns) = self.weight_matrix();
        let torch_shape = match self {
            Self::Dense { inputs, outputs } => TorchShape::new(&[outputs, inputs]),
            Self::Conv2d {
                channels,
                filters,
                kernel,
                ..
            } => TorchShape::new(&[filters, channels, kernel[0], kernel[1]]),
            Self::Conv1d {
                channels,
                filters,
                kernel,
                ..
            } => TorchShape::new(&[filters, channels, kernel]),
            Self::DepthwiseConv2d {
                channels, kernel, ..
            } => TorchShape::new(&[channels, 1, kernel[0], kernel[1]]),
            Self::Pool2d { .. } | Self::Add { .. } => {
                return ParameterTensors {
                    tensors: [NONE; 4],
                    len: 0,
                };
            }
            Self::BatchNorm { channels, .. } => {
                return ParameterTensors {
                    tensors: [
                        per_channel(TensorKind::Scale, channels),
                        per_channel(TensorKind::Bias, channels),
                        per_channel(TensorKind::RunningMean, channels),
                        per_channel(TensorKind::RunningVar, channels),
                    ],
                    len: 4,
                };
            }
        };
        let weight = ParameterTensor {
            kind: TensorKind::Weight,
            rows,
            columns,
            fan_in: rows,
            torch_shape,
            torch_order: TorchOrder::Transposed,
        };
        let bias = ParameterTensor {
            kind: TensorKind::Bias,
            rows: 1,
            columns,
            fan_in: rows,
            torch_shape: TorchShape::new(&[columns]),
            torch_order: TorchOrder::Same,
        };
        ParameterTensors {
            tensors: [weight, bias, NONE, NONE],
            len: 2,
        }
    }
}

/// A tensor of one value per channel: a batch normalisation's.
const fn per_channel(kind: TensorKind, channels: usize) -> ParameterTensor {
    ParameterTensor {
        kind,
        rows: 1,
        columns: channels,
        fan_in: 1,
        torch_shape: TorchShape::new(&[channels]),
        torch_order: TorchOrder::Same,
    }
}

/// A stand-in for the tensors a layer does not have.
const NONE: ParameterTensor = ParameterTensor {
    kind: TensorKind::Bias,
    rows: 0,
    columns: 0,
    fan_in: 0,
    torch_shape: TorchShape::new(&[]),
    torch_order: TorchOrder::Same,
};

/// A layer's parameter tensors, from [`Shape::tensors`]: two (a weight and a bias), four (a batch
/// normalisation's), or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParameterTensors {
    tensors: [ParameterTensor; 4],
    len: usize,
}

impl ParameterTensors {
    /// The tensors, in order.
    pub fn as_slice(&self) -> &[ParameterTensor] {
        &self.tensors[..self.len]
    }
}

/// One parameter tensor of a layer, as its [`Shape`] makes it: what `network!` writes into a
/// network's [`Tensor`](crate::Tensor)s, but the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParameterTensor {
    /// A weight or a bias.
    pub kind: TensorKind,
    /// Its rows in `nn`'s memory.
    pub rows: usize,
    /// Its columns in `nn`'s memory.
    pub columns: usize,
    /// How many inputs each output sums over.
    pub fan_in: usize,
    /// Its shape in `PyTorch`.
    pub torch_shape: TorchShape,
    /// How `nn`'s order relates to `PyTorch`'s.
    pub torch_order: TorchOrder,
}

/// A `PyTorch` shape of up to four axes, built in `const` code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TorchShape {
    axes: [usize; 4],
    len: usize,
}

impl TorchShape {
    /// The shape of these axes; past the fourth they are dropped (no layer has more).
    pub const fn new(axes: &[usize]) -> Self {
        let mut shape = Self {
            axes: [0; 4],
            len: 0,
        };
        while shape.len < axes.len() && shape.len < 4 {
            shape.axes[shape.len] = axes[shape.len];
            shape.len += 1;
        }
        shape
    }

    /// Its axes, outermost first.
    pub fn axes(&self) -> &[usize] {
        &self.axes[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::Shape;
    use crate::TorchOrder;

    #[test]
    fn counts_and_the_large_rule() {
        let shape = Shape::dense(784, 128);
        assert_eq!(shape.parameters(), 100_480);
        assert_eq!(shape.multiply_adds(), 100_352);
        assert!(shape.is_large());
        assert!(Shape::dense(64, 64).is_large());
        assert!(!Shape::dense(63, 65).is_large());
        assert_eq!(Shape::dense(2, 3).parameters(), 9);
    }

    #[test]
    fn a_dense_layers_tensors() {
        let tensors = Shape::dense(4, 3).tensors();
        let [weight, bias] = tensors.as_slice() else {
            panic!("two tensors");
        };
        assert_eq!((weight.rows, weight.columns, weight.fan_in), (4, 3, 4));
        assert_eq!(weight.torch_shape.axes(), [3, 4]);
        assert_eq!(weight.torch_order, TorchOrder::Transposed);
        assert_eq!(
            (bias.rows, bias.columns, bias.torch_shape.axes()),
            (1, 3, &[3][..])
        );
        assert_eq!(bias.torch_order, TorchOrder::Same);
        let parameters: usize = tensors.as_slice().iter().map(|t| t.rows * t.columns).sum();
        assert_eq!(parameters, Shape::dense(4, 3).parameters());
    }

    #[test]
    fn a_convolutions_counts_and_tensors() {
        // 3 channels to 8 filters, 3 x 2 kernels, an output of 5 x 4 places.
        let shape = Shape::conv2d(3, 8, [3, 2], [5, 4]);
        assert_eq!(shape.weight_matrix(), (18, 8));
        assert_eq!(shape.parameters(), 18 * 8 + 8);
        assert_eq!(shape.multiply_adds(), 2_880);
        assert!(!shape.is_large());
        assert!(Shape::conv2d(3, 8, [3, 2], [5, 6]).is_large()); // 4,320
        let tensors = shape.tensors();
        let [weight, bias] = tensors.as_slice() else {
            panic!("two tensors");
        };
        assert_eq!(weight.torch_shape.axes(), [8, 3, 3, 2]);
        assert_eq!((weight.rows, weight.columns, weight.fan_in), (18, 8, 18));
        assert_eq!((bias.columns, bias.torch_shape.axes()), (8, &[8][..]));
        let pool = Shape::Pool2d {
            channels: 8,
            window: [2, 2],
            output: [2, 2],
        };
        assert_eq!((pool.parameters(), pool.multiply_adds()), (0, 0));
        assert!(pool.tensors().as_slice().is_empty());
    }
}
