//! A table of a network's layers, like Keras' `model.summary()`.

use core::fmt::{self, Write};

use crate::layer::Shape;

/// A network's layers, shapes, activations and parameter counts.
///
/// Generated networks return one from `summary()`; its `Display` prints a table like Keras'
/// `model.summary()`.
///
/// # Examples
///
/// ```
/// nn::network! { pub struct Seed3 = 2 => relu 3 => relu 2 => identity 2; }
///
/// let summary = Seed3::summary();
/// assert_eq!(summary.parameters(), 23);
/// assert_eq!(
///     summary.to_string(),
///     "\
/// Seed3 (f32)
/// layer   shape   activation  parameters
/// --------------------------------------
/// input   2
/// layer1  2 -> 3  relu                 9
/// layer2  3 -> 2  relu                 8
/// layer3  2 -> 2  identity             6
/// --------------------------------------
/// total parameters: 23
/// "
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The network's type name.
    pub name: &'static str,
    /// Its scalar type, `"f32"` or `"f64"`.
    pub scalar: &'static str,
    /// The input width.
    pub inputs: usize,
    /// The input's shape: `[width]`, or `[C, H, W]`.
    pub input_shape: &'static [usize],
    /// The layers, first to last.
    pub layers: &'static [LayerSummary],
    /// The activation of a final stage without a width (`=> softmax` at the end), if any.
    pub output_activation: Option<&'static str>,
}

/// One layer of a [`Summary`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayerSummary {
    /// The field name, `layer1`, `layer2`, … (a pooling layer's number, though it has no field).
    pub name: &'static str,
    /// The layer as `network!` writes it after the activation, `conv2d(16, 3x3)`; empty for a
    /// dense layer.
    pub kind: &'static str,
    /// What the counts follow from.
    pub shape: Shape,
    /// The input width.
    pub inputs: usize,
    /// The output width.
    pub outputs: usize,
    /// The input's shape: `[width]`, or `[C, H, W]`.
    pub input_shape: &'static [usize],
    /// The output's shape.
    pub output_shape: &'static [usize],
    /// The activation's name as written in `network!`; empty for pooling.
    pub activation: &'static str,
}

impl LayerSummary {
    /// Weights and biases.
    pub const fn parameters(&self) -> usize {
        self.shape.parameters()
    }
}

impl Summary {
    /// The total number of parameters.
    pub const fn parameters(&self) -> usize {
        let mut total = 0;
        let mut i = 0;
        while i < self.layers.len() {
            total += self.layers[i].parameters();
            i += 1;
        }
        total
    }

    /// The multiply-adds of one sample's forward pass, the layers' together
    /// ([`Shape::multiply_adds`](crate::layer::Shape::multiply_adds)).
    pub const fn multiply_adds(&self) -> usize {
        let mut total = 0;
        let mut i = 0;
        while i < self.layers.len() {
            total += self.layers[i].shape.multiply_adds();
            i += 1;
        }
        total
    }

    /// The output width.
    pub const fn outputs(&self) -> usize {
        match self.layers.last() {
            Some(layer) => layer.outputs,
            None => self.inputs,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEADER: [&str; 4] = ["layer", "shape", "activation", "parameters"];
        let output_row = self.output_activation.map(|activation| Row {
            name: "output",
            kind: "",
            input: self
                .layers
                .last()
                .map_or(self.input_shape, |layer| layer.output_shape),
            output: None,
            activation,
            parameters: 0,
        });
        let rows = || self.layers.iter().map(Row::from).chain(output_row);
        let mut widths = HEADER.map(str::len);
        for row in rows() {
            widths[0] = widths[0].max(row.name_len());
            widths[1] = widths[1].max(row.shape_len());
            widths[2] = widths[2].max(row.activation.len());
            widths[3] = widths[3].max(Thousands(row.parameters()).len());
        }
        let rule_len = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);

        writeln!(f, "{} ({})", self.name, self.scalar)?;
        for (i, (title, width)) in HEADER.iter().zip(widths).enumerate() {
            if i + 1 < HEADER.len() {
                write!(f, "{title:width$}  ")?;
            } else {
                writeln!(f, "{title:>width$}")?;
            }
        }
        rule(f, rule_len)?;
        write!(f, "{:w$}  ", "input", w = widths[0])?;
        write_shape(f, self.input_shape)?;
        writeln!(f)?;
        for row in rows() {
            row.write_name(f)?;
            pad(f, widths[0] - row.name_len())?;
            f.write_str("  ")?;
            row.write_shape(f)?;
            pad(f, widths[1] - row.shape_len())?;
            write!(f, "  {:w$}  ", row.activation, w = widths[2])?;
            let parameters = Thousands(row.parameters());
            pad(f, widths[3] - parameters.len())?;
            writeln!(f, "{parameters}")?;
        }
        rule(f, rule_len)?;
        writeln!(f, "total parameters: {}", Thousands(self.parameters()))
    }
}

/// One line of the table: a layer, or the final activation-only stage (`output: None`).
#[derive(Clone, Copy)]
struct Row {
    name: &'static str,
    kind: &'static str,
    input: &'static [usize],
    output: Option<&'static [usize]>,
    activation: &'static str,
    parameters: usize,
}

impl From<&LayerSummary> for Row {
    fn from(layer: &LayerSummary) -> Self {
        Self {
            name: layer.name,
            kind: layer.kind,
            input: layer.input_shape,
            output: Some(layer.output_shape),
            activation: layer.activation,
            parameters: layer.parameters(),
        }
    }
}

impl Row {
    fn parameters(&self) -> usize {
        self.parameters
    }

    /// `layer1`, or `layer1 conv2d(16, 3x3)`.
    fn write_name(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)?;
        if !self.kind.is_empty() {
            write!(f, " {}", self.kind)?;
        }
        Ok(())
    }

    fn name_len(&self) -> usize {
        self.name.len()
            + if self.kind.is_empty() {
                0
            } else {
                1 + self.kind.chars().count()
            }
    }

    /// `2 -> 3` for a layer, `2` for an activation-only stage; shapes as `[16, 6, 6]`.
    fn write_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_shape(f, self.input)?;
        match self.output {
            Some(output) => {
                f.write_str(" -> ")?;
                write_shape(f, output)
            }
            None => Ok(()),
        }
    }

    fn shape_len(&self) -> usize {
        shape_len(self.input) + self.output.map_or(0, |output| 4 + shape_len(output))
    }
}

/// `784`, or `[1, 8, 8]`.
fn write_shape(f: &mut fmt::Formatter<'_>, shape: &[usize]) -> fmt::Result {
    if let [width] = shape {
        return write!(f, "{width}");
    }
    f.write_char('[')?;
    for (i, axis) in shape.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{axis}")?;
    }
    f.write_char(']')
}

fn shape_len(shape: &[usize]) -> usize {
    match shape {
        [width] => digits(*width),
        axes => 2 + axes.iter().map(|&axis| digits(axis)).sum::<usize>() + 2 * (axes.len() - 1),
    }
}

/// A count with thousands separators, as Keras prints them: `101,770`.
struct Thousands(usize);

impl Thousands {
    fn len(&self) -> usize {
        let digits = digits(self.0);
        digits + (digits - 1) / 3
    }
}

impl fmt::Display for Thousands {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut divisor = 1;
        while self.0 / divisor >= 1000 {
            divisor *= 1000;
        }
        write!(f, "{}", self.0 / divisor)?;
        while divisor > 1 {
            divisor /= 1000;
            write!(f, ",{:03}", self.0 / divisor % 1000)?;
        }
        Ok(())
    }
}

fn digits(mut n: usize) -> usize {
    let mut digits = 1;
    while n >= 10 {
        n /= 10;
        digits += 1;
    }
    digits
}

fn pad(f: &mut fmt::Formatter<'_>, spaces: usize) -> fmt::Result {
    for _ in 0..spaces {
        f.write_char(' ')?;
    }
    Ok(())
}

fn rule(f: &mut fmt::Formatter<'_>, len: usize) -> fmt::Result {
    for _ in 0..len {
        f.write_char('-')?;
    }
    f.write_char('\n')
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::{format, string::ToString};

    use super::{LayerSummary, Summary, Thousands, digits};
    use crate::layer::Shape;

    const CLASSIFIER: Summary = Summary {
        name: "Mnist",
        scalar: "f64",
        inputs: 784,
        input_shape: &[784],
        layers: &[
            LayerSummary {
                name: "layer1",
                kind: "",
                shape: Shape::dense(784, 128),
                inputs: 784,
                outputs: 128,
                input_shape: &[784],
                output_shape: &[128],
                activation: "relu",
            },
            LayerSummary {
                name: "layer2",
                kind: "",
                shape: Shape::dense(128, 10),
                inputs: 128,
                outputs: 10,
                input_shape: &[128],
                output_shape: &[10],
                activation: "identity",
            },
        ],
        output_activation: Some("softmax"),
    };

    #[test]
    fn counts_parameters() {
        assert_eq!(CLASSIFIER.parameters(), 784 * 128 + 128 + 128 * 10 + 10);
        assert_eq!(CLASSIFIER.outputs(), 10);
    }

    #[test]
    fn prints_a_keras_like_table() {
        assert_eq!(
            CLASSIFIER.to_string(),
            "\
Mnist (f64)
layer   shape       activation  parameters
------------------------------------------
input   784
layer1  784 -> 128  relu           100,480
layer2  128 -> 10   identity         1,290
output  10          softmax              0
------------------------------------------
total parameters: 101,770
"
        );
    }

    #[test]
    fn thousands_separators() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1_000_001, "1,000,001"),
        ] {
            assert_eq!(format!("{}", Thousands(n)), text);
            assert_eq!(Thousands(n).len(), text.len());
        }
        assert_eq!(digits(usize::MAX), usize::MAX.to_string().len());
    }
}
