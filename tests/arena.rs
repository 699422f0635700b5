//! Inference in an arena (`forward_in`): the same outputs as `forward`, bit for bit, in as much
//! memory as the layers alive at the same time need, which `INFERENCE_BYTES` says beforehand
//! (for the `MLPerf` Tiny models, `tests/tiny.rs`).

use nn::Network;
use nn::init::{Init, rng, standard_normal};

nn::network! {
    struct Mlp = 4 => relu 16 => tanh 8 => softmax 3;
    struct Cnn = [1, 8, 8] => relu conv2d(4, 3x3, same) => max_pool2d(2x2)
        => relu depthwise_conv2d(3x3, same) => relu 10 => softmax;
    /// The first block reads the network's input, whose sum adds it back.
    struct Residual = [2, 6, 6] => relu residual { => relu conv2d(2, 3x3, same) }
        => relu residual { => relu conv2d(4, 3x3, stride 2, same) => batch_norm() }
            shortcut { => conv2d(4, 1x1, stride 2) }
        => global_avg_pool2d() => identity 3;
}

/// `forward_in` gives `forward`'s outputs, bit for bit, on random weights and inputs.
fn same_as_forward<N: Network<Scalar = f32>, A>(
    seed: u64,
    arena: &mut A,
    forward_in: impl Fn(&N, &N::Input, &mut A) -> N::Output,
) where
    N::Input: TryFrom<Vec<f32>>,
    N::Output: PartialEq + core::fmt::Debug,
{
    let mut random = rng(seed);
    let mut net = N::zeros_boxed();
    Init::He.apply(&mut *net, &mut random);
    for _ in 0..3 {
        let x: Vec<f32> = (0..N::INPUTS)
            .map(|_| nn::Scalar::from_f64(standard_normal(&mut random)))
            .collect();
        let Ok(x) = N::Input::try_from(x) else {
            panic!("the input's width");
        };
        assert_eq!(forward_in(&net, &x, arena), net.forward(&x));
    }
}

#[test]
fn the_arena_computes_what_forward_does() {
    same_as_forward::<Mlp, _>(1, &mut MlpArena::new(), Mlp::forward_in);
    same_as_forward::<Cnn, _>(2, &mut CnnArena::new(), Cnn::forward_in);
    same_as_forward::<Residual, _>(3, &mut ResidualArena::new(), Residual::forward_in);
    // The MLPerf Tiny models: `tests/tiny.rs`.
}

#[test]
fn the_arena_holds_the_layers_alive_at_once() {
    // A chain: the two largest neighbours, 16 and 8 values.
    assert_eq!(Mlp::INFERENCE_BYTES, (16 + 8) * 4);
    // 4 x 8 x 8 convolved, then pooled to 4 x 4 x 4: the convolution and its pooling.
    assert_eq!(Cnn::INFERENCE_BYTES, (256 + 64) * 4);
    // The second block: its input (72) is alive while the convolution (36) and the batch
    // normalisation (36) are computed, then the shortcut (36) and the sum (36) with the
    // normalisation's output: 72 + 36 + 36.
    assert_eq!(Residual::INFERENCE_BYTES, (72 + 36 + 36) * 4);
}
