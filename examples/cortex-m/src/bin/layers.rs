//! One layer of each kind the `MLPerf` Tiny models spend their time in, at their shapes, in `f32`
//! and in int8 on the Cortex-M4F: the instructions of each per product (QEMU `-icount`), and each
//! int8 output checked against the layer's arithmetic written out one product at a time, so that
//! the kernels written for the DSP extension are checked on the device itself. QEMU exits with
//! status 0 only if every int8 output agreed.
#![no_std]
#![no_main]

use core::hint::black_box;

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use nn::quant::Multiplier;
use nn::quantized_conv::QuantizedConv2d;
use nn::quantized_dense::QuantizedDense;
use nn::quantized_depthwise::QuantizedDepthwiseConv2d;
use nn::{Conv2d, Dense, DepthwiseConv2d, Pool2d, Sliding};
use nn_firmware::{exit, measure::Counter};
use panic_semihosting as _;

/// TensorFlow's `same` padding of a 3 x 3 kernel, stride 1.
const SAME: Sliding = Sliding {
    stride: [1, 1],
    padding: [1, 1],
};

/// TensorFlow's `same` padding of a 3 x 3 kernel, stride 2, on an even input: none before, one
/// row and column after (the output's shape says so).
const SAME_STRIDE_2: Sliding = Sliding {
    stride: [2, 2],
    padding: [0, 0],
};

/// Pseudo-random bytes, the same on every run.
struct Bytes(u32);

impl Bytes {
    fn next(&mut self) -> i8 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        self.0.to_le_bytes()[3].cast_signed()
    }

    fn fill(&mut self, values: &mut [i8]) {
        for value in values {
            *value = self.next();
        }
    }

    /// Biases of a few thousand either way, each different.
    fn biases(&mut self, bias: &mut [i32]) {
        for (i, bias) in bias.iter_mut().enumerate() {
            *bias = i32::from(self.next()) * 97 + i as i32;
        }
    }
}

/// A multiplier as calibration makes them, its shift `shift`, and the zero points and clamp of a
/// layer's output after a relu.
const MULTIPLIER: Multiplier = Multiplier {
    multiplier: 1_500_000_000,
    shift: -9,
};
const OUTPUT_ZERO_POINT: i8 = -20;
const INPUT_ZERO_POINT: i8 = 5;

/// The int8 output of `sum` as `Multiplier::apply_rounding_twice` (`twice`) or `apply` rescales it,
/// moved to the zero point and clamped from it (a fused relu) to 127.
fn requantized(sum: i32, twice: bool) -> i8 {
    let rescaled = if twice {
        MULTIPLIER.apply_rounding_twice(sum)
    } else {
        MULTIPLIER.apply(sum)
    };
    let value = rescaled.saturating_add(i32::from(OUTPUT_ZERO_POINT));
    i8::try_from(value.clamp(i32::from(OUTPUT_ZERO_POINT), 127)).unwrap_or(i8::MAX)
}

/// The value of `x` at `[c][y][x]` shifted by `sliding`'s padding, or the zero point off it.
fn at<const C: usize, const H: usize, const W: usize>(
    x: &[[[i8; W]; H]; C],
    c: usize,
    y: usize,
    column: usize,
    sliding: Sliding,
) -> i32 {
    let (y, column) = (
        y.wrapping_sub(sliding.padding[0]),
        column.wrapping_sub(sliding.padding[1]),
    );
    let value = x[c].get(y).and_then(|row| row.get(column));
    i32::from(value.copied().unwrap_or(INPUT_ZERO_POINT))
}

/// Prints one layer's instructions per product in `f32` and int8 and whether its int8 output was
/// the written-out arithmetic's; returns the latter.
fn report(
    name: &str,
    products: usize,
    f32_instructions: f32,
    int8_instructions: f32,
    same: bool,
) -> bool {
    let products = products as f32;
    hprintln!(
        "layer {}: f32 {:.2}, int8 {:.2} instructions a product (f32 / int8 {:.2}); int8 output as written out: {}",
        name,
        f32_instructions / products,
        int8_instructions / products,
        f32_instructions / int8_instructions,
        same
    );
    same
}

/// Anomaly detection's first layer, 640 inputs to 128 outputs.
fn dense(counter: &mut Counter, bytes: &mut Bytes) -> bool {
    let mut layer = QuantizedDense {
        weights: [[0; 640]; 128],
        bias: [0; 128],
        multipliers: [MULTIPLIER; 128],
        output_zero_point: OUTPUT_ZERO_POINT,
        output_min: OUTPUT_ZERO_POINT,
        output_max: i8::MAX,
    };
    bytes.fill(layer.weights.as_flattened_mut());
    bytes.biases(&mut layer.bias);
    let mut x = [0; 640];
    bytes.fill(&mut x);
    let f32_layer = black_box(Dense::<f32, 640, 128>::filled(0.01));
    let f32_x = black_box([0.5_f32; 640]);
    let f32_instructions = counter.instructions(1, || f32_layer.total_input(black_box(&f32_x)));
    let int8_instructions = counter.instructions(1, || layer.forward(black_box(&x)));
    let y = layer.forward(&x);
    let same = y.iter().enumerate().all(|(o, &y)| {
        let products = x.iter().zip(&layer.weights[o]);
        let sum = products.fold(layer.bias[o], |sum, (&x, &w)| {
            sum + i32::from(x) * i32::from(w)
        });
        y == requantized(sum, false)
    });
    report(
        "dense 640 => 128",
        640 * 128,
        f32_instructions,
        int8_instructions,
        same,
    )
}

/// A convolution of `F` filters of `KH x KW` over `C` channels of `H x W`; its output max-pooled
/// in 2 x 2 squares too (`PH x PW`), as the convolution computes it with its pooling.
fn conv<
    const C: usize,
    const F: usize,
    const KH: usize,
    const KW: usize,
    const H: usize,
    const W: usize,
    const OH: usize,
    const OW: usize,
    const PH: usize,
    const PW: usize,
>(
    name: &str,
    sliding: Sliding,
    counter: &mut Counter,
    bytes: &mut Bytes,
) -> bool {
    let mut layer = QuantizedConv2d {
        weights: [[[[0; KW]; KH]; C]; F],
        bias: [0; F],
        multipliers: [MULTIPLIER; F],
        input_zero_point: INPUT_ZERO_POINT,
        output_zero_point: OUTPUT_ZERO_POINT,
        output_min: OUTPUT_ZERO_POINT,
        output_max: i8::MAX,
    };
    bytes.fill(
        layer
            .weights
            .as_flattened_mut()
            .as_flattened_mut()
            .as_flattened_mut(),
    );
    bytes.biases(&mut layer.bias);
    let mut x = [[[0; W]; H]; C];
    bytes.fill(x.as_flattened_mut().as_flattened_mut());
    let mut u = [[[0; OW]; OH]; F];
    let f32_layer = black_box(Conv2d::<f32, C, F, KH, KW>::filled(0.01));
    let f32_x = black_box([[[0.5_f32; W]; H]; C]);
    let mut f32_u = [[[0.0_f32; OW]; OH]; F];
    let f32_instructions = counter.instructions(1, || {
        f32_layer.total_input(black_box(&f32_x), sliding, &mut f32_u);
        black_box(&f32_u);
    });
    let int8_instructions = counter.instructions(1, || {
        layer.forward(black_box(&x), sliding, &mut u);
        black_box(&u);
    });
    let [sy, sx] = sliding.stride;
    let mut same = true;
    for (f, (channel, filter)) in u.iter().zip(&layer.weights).enumerate() {
        for (oy, row) in channel.iter().enumerate() {
            for (ox, &y) in row.iter().enumerate() {
                let mut sum = layer.bias[f];
                for (c, kernel) in filter.iter().enumerate() {
                    for (ky, weights) in kernel.iter().enumerate() {
                        for (kx, &w) in weights.iter().enumerate() {
                            sum += i32::from(w) * at(&x, c, oy * sy + ky, ox * sx + kx, sliding);
                        }
                    }
                }
                same &= y == requantized(sum, true);
            }
        }
    }
    let mut pooled = [[[0; PW]; PH]; F];
    layer.forward_max_pooled::<H, W, OH, OW, PH, PW>(&x, sliding, Pool2d::square(2), &mut pooled);
    for (channel, pooled) in u.iter().zip(&pooled) {
        for (py, row) in pooled.iter().enumerate() {
            for (px, &y) in row.iter().enumerate() {
                let window = [[0, 0], [0, 1], [1, 0], [1, 1]];
                let largest = window.map(|[dy, dx]| channel[2 * py + dy][2 * px + dx]);
                same &= Some(y) == largest.into_iter().max();
            }
        }
    }
    let products = OH * OW * F * C * KH * KW;
    report(name, products, f32_instructions, int8_instructions, same)
}

/// A depthwise convolution of `C` channels of `H x W`, 3 x 3 kernels.
fn depthwise<const C: usize, const H: usize, const W: usize, const OH: usize, const OW: usize>(
    name: &str,
    sliding: Sliding,
    counter: &mut Counter,
    bytes: &mut Bytes,
) -> bool {
    let mut layer = QuantizedDepthwiseConv2d {
        weights: [[[0; 3]; 3]; C],
        bias: [0; C],
        multipliers: [MULTIPLIER; C],
        input_zero_point: INPUT_ZERO_POINT,
        output_zero_point: OUTPUT_ZERO_POINT,
        output_min: OUTPUT_ZERO_POINT,
        output_max: i8::MAX,
    };
    bytes.fill(layer.weights.as_flattened_mut().as_flattened_mut());
    bytes.biases(&mut layer.bias);
    let mut x = [[[0; W]; H]; C];
    bytes.fill(x.as_flattened_mut().as_flattened_mut());
    let mut u = [[[0; OW]; OH]; C];
    let f32_layer = black_box(DepthwiseConv2d::<f32, C, 3, 3>::filled(0.01));
    let f32_x = black_box([[[0.5_f32; W]; H]; C]);
    let mut f32_u = [[[0.0_f32; OW]; OH]; C];
    let f32_instructions = counter.instructions(1, || {
        f32_layer.total_input(black_box(&f32_x), sliding, &mut f32_u);
        black_box(&f32_u);
    });
    let int8_instructions = counter.instructions(1, || {
        layer.forward(black_box(&x), sliding, &mut u);
        black_box(&u);
    });
    let [sy, sx] = sliding.stride;
    let mut same = true;
    for (c, (channel, kernel)) in u.iter().zip(&layer.weights).enumerate() {
        for (oy, row) in channel.iter().enumerate() {
            for (ox, &y) in row.iter().enumerate() {
                let mut sum = layer.bias[c];
                for (ky, weights) in kernel.iter().enumerate() {
                    for (kx, &w) in weights.iter().enumerate() {
                        sum += i32::from(w) * at(&x, c, oy * sy + ky, ox * sx + kx, sliding);
                    }
                }
                same &= y == requantized(sum, true);
            }
        }
    }
    report(
        name,
        OH * OW * C * 9,
        f32_instructions,
        int8_instructions,
        same,
    )
}

#[entry]
fn main() -> ! {
    let Some(peripherals) = cortex_m::Peripherals::take() else {
        hprintln!("the core peripherals were already taken");
        exit(false);
    };
    let mut counter = Counter::new(peripherals.SYST);
    let mut bytes = Bytes(2026);
    let results = [
        dense(&mut counter, &mut bytes),
        conv::<64, 64, 1, 1, 25, 5, 25, 5, 12, 2>(
            "1 x 1 convolution 64 => 64 on 25 x 5 (DS-CNN)",
            Sliding::VALID,
            &mut counter,
            &mut bytes,
        ),
        depthwise::<64, 25, 5, 25, 5>(
            "3 x 3 depthwise, 64 channels on 25 x 5 (DS-CNN)",
            SAME,
            &mut counter,
            &mut bytes,
        ),
        depthwise::<32, 24, 24, 12, 12>(
            "3 x 3 depthwise, stride 2, 32 channels on 24 x 24 (MobileNetV1)",
            SAME_STRIDE_2,
            &mut counter,
            &mut bytes,
        ),
        conv::<16, 16, 3, 3, 32, 32, 32, 32, 16, 16>(
            "3 x 3 convolution 16 => 16 on 32 x 32 (ResNet-8)",
            SAME,
            &mut counter,
            &mut bytes,
        ),
        conv::<2, 8, 3, 3, 6, 6, 6, 6, 3, 3>(
            "3 x 3 convolution 2 => 8 on 6 x 6 (filters ending in half a word)",
            SAME,
            &mut counter,
            &mut bytes,
        ),
    ];
    exit(results.iter().all(|&same| same));
}
