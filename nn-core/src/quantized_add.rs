//! The sum that ends a residual block, in int8, as TensorFlow Lite's `ADD` computes it: both
//! addends brought to a common scale with 20 bits of headroom, added, and rescaled to the
//! output's int8, no float anywhere.

use crate::quant::{Clamp, Multiplier, Quantization, Rescale};

/// The bits both addends are shifted left by before they are rescaled, as TensorFlow Lite's
/// int8 `ADD` does: room for the rescalings' fractions.
const LEFT_SHIFT: u32 = 20;

/// `a + b` value by value in int8, the addends and the sum each quantised their own way: each
/// addend less its zero point, shifted left by 20 bits, rescaled to twice the larger addend
/// scale; their sum rescaled to the output's quantisation, moved to its zero point and clamped
/// to its activation's range. Every rescaling rounds twice, as TensorFlow Lite's kernel does
/// ([`Multiplier::apply_rounding_twice`]).
///
/// # Examples
///
/// ```
/// use nn::quant::{Clamp, Quantization};
/// use nn::quantized_add::QuantizedAdd;
///
/// let (a, b) = (Quantization::from_range(-1.0, 1.0), Quantization::from_range(0.0, 4.0));
/// let sum = Quantization::from_range(-1.0, 5.0);
/// let add = QuantizedAdd::new([a, b], sum, Clamp::Whole);
/// let y = add.forward(&[a.quantize(0.5)], &[b.quantize(2.0)]);
/// assert!((sum.dequantize(y[0]) - 2.5).abs() < 0.03);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantizedAdd {
    /// The addends' zero points.
    pub input_zero_points: [i8; 2],
    /// Each addend's rescaling to twice the larger addend scale.
    pub input_multipliers: [Multiplier; 2],
    /// The sum's rescaling from twice the larger addend scale, shifted, to the output's.
    pub output_multiplier: Multiplier,
    /// The output's zero point.
    pub output_zero_point: i8,
    /// The clamp of the output, from the fused activation.
    pub output_min: i8,
    /// The top of the clamp.
    pub output_max: i8,
}

impl QuantizedAdd {
    /// The sum of addends quantised as `inputs` into `output`, clamped as `clamp` says, with
    /// TensorFlow Lite's multipliers: each addend's scale over twice the larger one, and twice
    /// the larger one over `2²⁰` times the output's, in `f64`.
    #[must_use]
    pub fn new(inputs: [Quantization; 2], output: Quantization, clamp: Clamp) -> Self {
        let twice_larger = 2.0 * f64::from(inputs[0].scale.max(inputs[1].scale));
        let multiplier = |real: f64| {
            if real.is_finite() {
                Multiplier::new(real)
            } else {
                Multiplier::default()
            }
        };
        let shifted = f64::from(1_u32 << LEFT_SHIFT) * f64::from(output.scale);
        Self {
            input_zero_points: inputs.map(|input| input.zero_point),
            input_multipliers: inputs
                .map(|input| multiplier(f64::from(input.scale) / twice_larger)),
            output_multiplier: multiplier(twice_larger / shifted),
            output_zero_point: output.zero_point,
            output_min: clamp.low(output),
            output_max: i8::MAX,
        }
    }

    /// `a + b` in int8, value by value. Each addend's rescaling depends on its int8 value
    /// alone: for sums of at least [`TABLES_FROM`] values it is worked out once for each of
    /// the 256 (two tables of `i32`, 2 KiB on the stack), and looked up; the sum's rescaling
    /// takes the short form where the multiplier has one. On the Cortex-M4 (ResNet-8's three
    /// sums, 28,672 values) this took 13.5 instructions a value, tables included, against 33
    /// with the three rescalings in the general form for each value.
    #[must_use]
    pub fn forward<const N: usize>(&self, a: &[i8; N], b: &[i8; N]) -> [i8; N] {
        let addends = [0, 1].map(|addend| {
            let zero = i32::from(self.input_zero_points[addend]);
            (zero, Rescale::new(self.input_multipliers[addend]))
        });
        let scaled = |addend: usize, x: i8| {
            let (zero, rescale) = addends[addend];
            rescale.apply((i32::from(x) - zero) << LEFT_SHIFT)
        };
        let (zero_point, low, high) = (self.output_zero_point, self.output_min, self.output_max);
        let output = Rescale::new(self.output_multiplier);
        let short = output.short(zero_point);
        let requantized = |sum: i32| match short {
            Some(short) => short.requantize(sum, low, high),
            None => output.requantize(sum, zero_point, low, high),
        };
        if N < TABLES_FROM {
            return core::array::from_fn(|i| {
                requantized(scaled(0, a[i]).wrapping_add(scaled(1, b[i])))
            });
        }
        // Indexed by the int8 value's bits.
        let table = |addend: usize| -> [i32; 256] {
            core::array::from_fn(|bits| scaled(addend, i8::from_le_bytes([bits.to_le_bytes()[0]])))
        };
        let (a_table, b_table) = (table(0), table(1));
        let index = |x: i8| usize::from(x.cast_unsigned());
        core::array::from_fn(|i| {
            requantized(a_table[index(a[i])].wrapping_add(b_table[index(b[i])]))
        })
    }
}

/// The fewest values a sum has for [`QuantizedAdd::forward`] to look its addends' rescalings up
/// in tables: twice the 256 it works out for each.
pub const TABLES_FROM: usize = 512;

#[cfg(test)]
mod tests {
    use super::{LEFT_SHIFT, QuantizedAdd, TABLES_FROM};
    use crate::quant::{Clamp, Quantization, Rescale};

    /// [`QuantizedAdd::forward`] written out value by value, as TensorFlow Lite's kernel is.
    fn definition(add: &QuantizedAdd, a: i8, b: i8) -> i8 {
        let scaled = |addend: usize, x: i8| {
            let x = (i32::from(x) - i32::from(add.input_zero_points[addend])) << LEFT_SHIFT;
            add.input_multipliers[addend].apply_rounding_twice(x)
        };
        let sum = add
            .output_multiplier
            .apply_rounding_twice(scaled(0, a).wrapping_add(scaled(1, b)));
        let value = sum.saturating_add(i32::from(add.output_zero_point));
        let clamped = value.clamp(i32::from(add.output_min), i32::from(add.output_max));
        i8::try_from(clamped).unwrap_or(0)
    }

    #[test]
    fn sums_in_tables_and_value_by_value_are_the_definition() {
        let ranges = [
            (-1.0, 1.0),
            (0.0, 6.0),
            (-3.5, 0.25),
            (-0.01, 0.02),
            (-40.0, 90.0),
        ];
        let (mut checked, mut shorts) = (0, 0);
        for (k, &(a_low, a_high)) in ranges.iter().enumerate() {
            let (b_low, b_high) = ranges[(k + 2) % ranges.len()];
            let (o_low, o_high) = ranges[(k + 1) % ranges.len()];
            let inputs = [
                Quantization::from_range(a_low, a_high),
                Quantization::from_range(b_low, b_high),
            ];
            let output = Quantization::from_range(o_low.min(a_low + b_low), o_high + a_high);
            for clamp in [Clamp::Whole, Clamp::FromZero] {
                let add = QuantizedAdd::new(inputs, output, clamp);
                let output = Rescale::new(add.output_multiplier);
                shorts += usize::from(output.short(add.output_zero_point).is_some());
                // Every pair of int8 values: 256 sums of 256 values, value by value, and
                // 128 of 512, in tables.
                let all: [i8; 256] =
                    core::array::from_fn(|v| i8::from_le_bytes([v.to_le_bytes()[0]]));
                for b in all {
                    let y = add.forward(&all, &[b; 256]);
                    for (&a, &y) in all.iter().zip(&y) {
                        assert_eq!(y, definition(&add, a, b), "{add:?} {a} {b}");
                    }
                }
                for pair in all.chunks_exact(2) {
                    let a: [i8; TABLES_FROM] = core::array::from_fn(|i| all[i % 256]);
                    let b: [i8; TABLES_FROM] = core::array::from_fn(|i| pair[i / 256]);
                    let y = add.forward(&a, &b);
                    for ((&a, &b), &y) in a.iter().zip(&b).zip(&y) {
                        assert_eq!(y, definition(&add, a, b), "{add:?} {a} {b}");
                    }
                    checked += TABLES_FROM;
                }
            }
        }
        assert_eq!(checked, 5 * 2 * 128 * TABLES_FROM);
        // The sum's rescaling in both forms.
        assert!((1..10).contains(&shorts), "{shorts}");
    }
}
