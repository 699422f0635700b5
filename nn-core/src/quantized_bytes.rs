//! `nn`'s format for int8 networks (`NAMEQuantized`): a small header, then the quantisations and
//! every layer's integers, little-endian. `no_std` and allocation-free; read by a `const fn`, so
//! that `nn::include_weights!` bakes an int8 network into flash.
//!
//! | offset | bytes | content |
//! | --- | --- | --- |
//! | 0 | 4 | `NNQ1` |
//! | 4 | 4 | the number of layers, `u32` |
//! | 8 | 8 per layer with weights or residual sum | its inputs (a convolution's `C·KH·KW`, a depthwise one's `KH·KW`) and outputs, `u32` each |
//! | then | 5 | the input's quantisation: its scale (`f32`) and zero point (`i8`) |
//! | then, per layer with weights, in order with the residual sums | `I·O + 12·O + 3` | the weights (`i8`, a row per output), the biases (`i32`), each output's multiplier and shift (`i32` each), the output's zero point and clamp (`i8` each); a convolution's `I` is its filters' `C·KH·KW` (a depthwise one's, `KH·KW`), and the input's zero point (`i8`) follows |
//! | or, per residual sum | 29 | the addends' zero points (`i8`), their multipliers and the output's (multiplier and shift, `i32` each), the output's zero point and clamp (`i8` each) |
//! | then | 5 | the output's quantisation |

use crate::bytes::{BytesError, count_at, starts_with};
use crate::quant::{Multiplier, Quantization};
use crate::quantized_add::QuantizedAdd;
use crate::quantized_conv::QuantizedConv2d;
use crate::quantized_dense::QuantizedDense;
use crate::quantized_depthwise::QuantizedDepthwiseConv2d;

/// The first four bytes of every int8 network's file.
pub const MAGIC: [u8; 4] = *b"NNQ1";
/// The bytes of a quantisation: its scale and zero point.
pub const QUANTIZATION_BYTES: usize = 5;

/// A layer as the header names it: its name (`layer1`), inputs and outputs.
pub type LayerShape = (&'static str, usize, usize);

/// The bytes of the header of a network of `layers` layers.
#[must_use]
pub const fn header_len(layers: usize) -> usize {
    8 + 8 * layers
}

/// The `i32` at `at`, which the caller has checked is in bounds.
const fn i32_at(bytes: &[u8], at: usize) -> i32 {
    i32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The `i8` at `at`.
const fn i8_at(bytes: &[u8], at: usize) -> i8 {
    i8::from_le_bytes([bytes[at]])
}

/// Checks the magic, the layers' shapes and the length of `bytes` for a network of `layers`
/// whose file is `size` bytes; returns where the input's quantisation starts. A `const fn`, for
/// the `from_weights` that `network!` generates.
///
/// # Errors
///
/// [`BytesError::NotWeights`] without the magic, [`BytesError::WrongTensorCount`] for another
/// number of layers, [`BytesError::WrongShape`] for a layer of another shape,
/// [`BytesError::WrongLength`] for a file truncated or too long.
pub const fn check_header(
    bytes: &[u8],
    layers: &[LayerShape],
    size: usize,
) -> Result<usize, BytesError> {
    if !starts_with(bytes, MAGIC) {
        return Err(BytesError::NotWeights);
    }
    let start = header_len(layers.len());
    if bytes.len() < start {
        return Err(BytesError::WrongLength {
            expected: size,
            found: bytes.len(),
        });
    }
    let count = count_at(bytes, 4);
    if count != layers.len() {
        return Err(BytesError::WrongTensorCount {
            expected: layers.len(),
            found: count,
        });
    }
    let mut l = 0;
    while l < layers.len() {
        let (name, inputs, outputs) = layers[l];
        let found = (count_at(bytes, 8 + 8 * l), count_at(bytes, 12 + 8 * l));
        if found.0 != inputs || found.1 != outputs {
            return Err(BytesError::WrongShape {
                tensor: name,
                expected: (inputs, outputs),
                found,
            });
        }
        l += 1;
    }
    if bytes.len() != size {
        return Err(BytesError::WrongLength {
            expected: size,
            found: bytes.len(),
        });
    }
    Ok(start)
}

/// Writes the header of a network of `layers` into `out`, which holds it; returns its length.
pub fn write_header(layers: &[LayerShape], out: &mut [u8]) -> usize {
    let mut at = 0;
    let mut put = |bytes: &[u8]| {
        out[at..at + bytes.len()].copy_from_slice(bytes);
        at += bytes.len();
    };
    put(&MAGIC);
    put(&count_bytes(layers.len()));
    for &(_, inputs, outputs) in layers {
        put(&count_bytes(inputs));
        put(&count_bytes(outputs));
    }
    at
}

/// `count` as a little-endian `u32` (a network's widths fit).
fn count_bytes(count: usize) -> [u8; 4] {
    u32::try_from(count).unwrap_or(u32::MAX).to_le_bytes()
}

/// Reads the quantisation at `at`, which the caller has checked is in bounds.
///
/// # Errors
///
/// [`BytesError::NonFinite`] for a scale that is NaN or infinite, naming `tensor`.
pub const fn read_quantization(
    bytes: &[u8],
    at: usize,
    tensor: &'static str,
) -> Result<Quantization, BytesError> {
    let scale = f32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    if !scale.is_finite() {
        return Err(BytesError::NonFinite { tensor, index: 0 });
    }
    Ok(Quantization {
        scale,
        zero_point: i8_at(bytes, at + 4),
    })
}

/// Writes `quantization` at the start of `out`; returns the bytes written.
pub fn write_quantization(quantization: Quantization, out: &mut [u8]) -> usize {
    out[..4].copy_from_slice(&quantization.scale.to_le_bytes());
    out[4] = quantization.zero_point.to_le_bytes()[0];
    QUANTIZATION_BYTES
}

/// Writes `bytes` at `at` in `out`; returns the position after them.
fn put(out: &mut [u8], at: usize, bytes: &[u8]) -> usize {
    out[at..at + bytes.len()].copy_from_slice(bytes);
    at + bytes.len()
}

/// Writes a layer's int8 `weights`, then each output's bias, multiplier and shift; returns the
/// bytes written.
fn write_outputs<const O: usize>(
    weights: &[i8],
    bias: &[i32; O],
    multipliers: &[Multiplier; O],
    out: &mut [u8],
) -> usize {
    let mut at = 0;
    for &w in weights {
        at = put(out, at, &w.to_le_bytes());
    }
    for b in bias {
        at = put(out, at, &b.to_le_bytes());
    }
    for m in multipliers {
        at = put(out, at, &m.multiplier.to_le_bytes());
        at = put(out, at, &m.shift.to_le_bytes());
    }
    at
}

/// Reads the `O` biases and multipliers at `at`, which the caller has checked are in bounds.
const fn read_outputs<const O: usize>(bytes: &[u8], at: usize) -> ([i32; O], [Multiplier; O]) {
    let mut bias = [0; O];
    let mut multipliers = [Multiplier {
        multiplier: 0,
        shift: 0,
    }; O];
    let mut o = 0;
    while o < O {
        bias[o] = i32_at(bytes, at + 4 * o);
        multipliers[o] = Multiplier {
            multiplier: i32_at(bytes, at + 4 * O + 8 * o),
            shift: i32_at(bytes, at + 4 * O + 8 * o + 4),
        };
        o += 1;
    }
    (bias, multipliers)
}

/// Reads `out.len()` int8 values at `at` into `out`, which the caller has checked are in bounds.
const fn read_int8(bytes: &[u8], at: usize, out: &mut [i8]) {
    let mut i = 0;
    while i < out.len() {
        out[i] = i8_at(bytes, at + i);
        i += 1;
    }
}

impl<const I: usize, const O: usize> QuantizedDense<I, O> {
    /// The bytes of the layer's integers in the file.
    pub const BYTES: usize = I * O + 12 * O + 3;

    /// Writes the layer at the start of `out`, which holds [`Self::BYTES`]; returns them.
    pub fn write(&self, out: &mut [u8]) -> usize {
        let at = write_outputs(
            self.weights.as_flattened(),
            &self.bias,
            &self.multipliers,
            out,
        );
        let clamp = [self.output_zero_point, self.output_min, self.output_max];
        put(out, at, &clamp.map(i8::cast_unsigned))
    }

    /// Reads the layer at `at`, where the caller has checked [`Self::BYTES`] are. A `const fn`,
    /// for the `from_weights` that `network!` generates.
    #[must_use]
    pub const fn read(bytes: &[u8], at: usize) -> Self {
        let mut weights = [[0; I]; O];
        read_int8(bytes, at, weights.as_flattened_mut());
        let at = at + I * O;
        let (bias, multipliers) = read_outputs(bytes, at);
        let at = at + 12 * O;
        Self {
            weights,
            bias,
            multipliers,
            output_zero_point: i8_at(bytes, at),
            output_min: i8_at(bytes, at + 1),
            output_max: i8_at(bytes, at + 2),
        }
    }
}

impl<const C: usize, const F: usize, const KH: usize, const KW: usize>
    QuantizedConv2d<C, F, KH, KW>
{
    /// The bytes of the layer's integers in the file: a dense layer's for the fan-in `C·KH·KW`
    /// and `F` outputs, then the input's zero point.
    pub const BYTES: usize = C * KH * KW * F + 12 * F + 4;

    /// Writes the layer at the start of `out`, which holds [`Self::BYTES`]; returns them.
    pub fn write(&self, out: &mut [u8]) -> usize {
        let weights = self.weights.as_flattened().as_flattened().as_flattened();
        let at = write_outputs(weights, &self.bias, &self.multipliers, out);
        let rest = [
            self.output_zero_point,
            self.output_min,
            self.output_max,
            self.input_zero_point,
        ];
        put(out, at, &rest.map(i8::cast_unsigned))
    }

    /// Reads the layer at `at`, where the caller has checked [`Self::BYTES`] are. A `const fn`,
    /// for the `from_weights` that `network!` generates.
    #[must_use]
    pub const fn read(bytes: &[u8], at: usize) -> Self {
        let mut weights = [[[[0; KW]; KH]; C]; F];
        let flat = weights
            .as_flattened_mut()
            .as_flattened_mut()
            .as_flattened_mut();
        read_int8(bytes, at, flat);
        let at = at + C * KH * KW * F;
        let (bias, multipliers) = read_outputs(bytes, at);
        let at = at + 12 * F;
        Self {
            weights,
            bias,
            multipliers,
            output_zero_point: i8_at(bytes, at),
            output_min: i8_at(bytes, at + 1),
            output_max: i8_at(bytes, at + 2),
            input_zero_point: i8_at(bytes, at + 3),
        }
    }
}

impl<const C: usize, const KH: usize, const KW: usize> QuantizedDepthwiseConv2d<C, KH, KW> {
    /// The bytes of the layer's integers in the file: a convolution's for the fan-in `KH·KW`
    /// and `C` outputs.
    pub const BYTES: usize = KH * KW * C + 12 * C + 4;

    /// Writes the layer at the start of `out`, which holds [`Self::BYTES`]; returns them.
    pub fn write(&self, out: &mut [u8]) -> usize {
        let weights = self.weights.as_flattened().as_flattened();
        let at = write_outputs(weights, &self.bias, &self.multipliers, out);
        let rest = [
            self.output_zero_point,
            self.output_min,
            self.output_max,
            self.input_zero_point,
        ];
        put(out, at, &rest.map(i8::cast_unsigned))
    }

    /// Reads the layer at `at`, where the caller has checked [`Self::BYTES`] are. A `const fn`,
    /// for the `from_weights` that `network!` generates.
    #[must_use]
    pub const fn read(bytes: &[u8], at: usize) -> Self {
        let mut weights = [[[0; KW]; KH]; C];
        read_int8(bytes, at, weights.as_flattened_mut().as_flattened_mut());
        let at = at + KH * KW * C;
        let (bias, multipliers) = read_outputs(bytes, at);
        let at = at + 12 * C;
        Self {
            weights,
            bias,
            multipliers,
            output_zero_point: i8_at(bytes, at),
            output_min: i8_at(bytes, at + 1),
            output_max: i8_at(bytes, at + 2),
            input_zero_point: i8_at(bytes, at + 3),
        }
    }
}

/// Writes `multiplier` at `at` in `out`; returns the position after it.
fn put_multiplier(out: &mut [u8], at: usize, multiplier: Multiplier) -> usize {
    let at = put(out, at, &multiplier.multiplier.to_le_bytes());
    put(out, at, &multiplier.shift.to_le_bytes())
}

/// The multiplier at `at`, which the caller has checked is in bounds.
const fn multiplier_at(bytes: &[u8], at: usize) -> Multiplier {
    Multiplier {
        multiplier: i32_at(bytes, at),
        shift: i32_at(bytes, at + 4),
    }
}

impl QuantizedAdd {
    /// The bytes of the sum's integers in the file: the addends' zero points and multipliers,
    /// the output's multiplier, zero point and clamp.
    pub const BYTES: usize = 2 + 3 * 8 + 3;

    /// Writes the sum at the start of `out`, which holds [`Self::BYTES`]; returns them.
    pub fn write(&self, out: &mut [u8]) -> usize {
        let mut at = put(out, 0, &self.input_zero_points.map(i8::cast_unsigned));
        for multiplier in self.input_multipliers {
            at = put_multiplier(out, at, multiplier);
        }
        at = put_multiplier(out, at, self.output_multiplier);
        let clamp = [self.output_zero_point, self.output_min, self.output_max];
        put(out, at, &clamp.map(i8::cast_unsigned))
    }

    /// Reads the sum at `at`, where the caller has checked [`Self::BYTES`] are. A `const fn`,
    /// for the `from_weights` that `network!` generates.
    #[must_use]
    pub const fn read(bytes: &[u8], at: usize) -> Self {
        Self {
            input_zero_points: [i8_at(bytes, at), i8_at(bytes, at + 1)],
            input_multipliers: [multiplier_at(bytes, at + 2), multiplier_at(bytes, at + 10)],
            output_multiplier: multiplier_at(bytes, at + 18),
            output_zero_point: i8_at(bytes, at + 26),
            output_min: i8_at(bytes, at + 27),
            output_max: i8_at(bytes, at + 28),
        }
    }
}
