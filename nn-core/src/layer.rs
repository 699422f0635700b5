//! What the code `network!` generates and the runtime agree on about a layer: its shape, and the
//! counts and rules derived from it, written once. `network!` reads them while it expands (for
//! the parameter count in the docs it writes, and to decide which networks train in blocks), and
//! the runtime in its constants and kernels.

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

    /// The number of parameters: a dense layer's weights and biases, `inputs * outputs + outputs`.
    pub const fn parameters(self) -> usize {
        match self {
            Self::Dense { inputs, outputs } => inputs * outputs + outputs,
        }
    }

    /// The multiply-adds of one sample's forward pass: a dense layer's `inputs * outputs`.
    pub const fn multiply_adds(self) -> usize {
        match self {
            Self::Dense { inputs, outputs } => inputs * outputs,
        }
    }

    /// Whether the layer is large ([`LARGE_MULTIPLY_ADDS`]).
    pub const fn is_large(self) -> bool {
        self.multiply_adds() >= LARGE_MULTIPLY_ADDS
    }
}

#[cfg(test)]
mod tests {
    use super::Shape;

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
}
