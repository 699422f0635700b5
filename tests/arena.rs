//! Inference in an arena (`forward_in`): the same outputs as `forward`, bit for bit, in as much
//! memory as the layers alive at the same time need, which `INFERENCE_BYTES` says beforehand
//! (for the `MLPerf` Tiny models, `tests/tiny.rs`). Training on one sample in an arena
//! (`backward_in`, `descend_in`): `backward`'s loss and gradient and `descend`'s step, bit for
//! bit, in `TRAINING_BYTES`.

use nn::Network;
use nn::init::{Init, rng, standard_normal};
use nn::loss::Mse;

nn::network! {
    struct Mlp = 4 => relu 16 => tanh 8 => softmax 3;
    struct Cnn = [1, 8, 8] => relu conv2d(4, 3x3, same) => max_pool2d(2x2)
        => relu depthwise_conv2d(3x3, same) => relu 10 => softmax;
    /// The first block reads the network's input, whose sum adds it back.
    struct Residual = [2, 6, 6] => relu residual { => relu conv2d(2, 3x3, same) }
        => relu residual { => relu conv2d(4, 3x3, stride 2, same) => batch_norm() }
            shortcut { => conv2d(4, 1x1, stride 2) }
        => global_avg_pool2d() => identity 3;
    /// A batch normalisation of the input, and a dense block whose sum reads the value the
    /// block does.
    struct Normalized = [2, 4] => batch_norm() => relu 8
        => relu residual { => tanh 8 => relu 8 } => sigmoid 2 => softmax;
}

/// `count` random values.
fn random<T: TryFrom<Vec<f32>>>(count: usize, random: &mut nn::init::DefaultRng) -> T {
    let values: Vec<f32> = (0..count)
        .map(|_| nn::Scalar::from_f64(standard_normal(random)))
        .collect();
    let Ok(values) = T::try_from(values) else {
        panic!("{count} values");
    };
    values
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

/// A network's per-sample training, in its arena and not: what `backward_in` and `descend_in`
/// must equal, bit for bit.
trait TrainsInArena: Network<Scalar = f32> + Clone + PartialEq + core::fmt::Debug {
    type Arena: Default;
    fn backward(&self, x: &Self::Input, target: &Self::Output, grad: &mut Self) -> f32;
    fn backward_in(
        &self,
        x: &Self::Input,
        target: &Self::Output,
        grad: &mut Self,
        arena: &mut Self::Arena,
    ) -> f32;
    fn descend(&mut self, x: &Self::Input, target: &Self::Output) -> f32;
    fn descend_in(
        &mut self,
        x: &Self::Input,
        target: &Self::Output,
        arena: &mut Self::Arena,
    ) -> f32;
}

macro_rules! trains_in_arena {
    ($($net:ident $arena:ident),*) => {$(
        impl TrainsInArena for $net {
            type Arena = $arena;
            fn backward(&self, x: &Self::Input, target: &Self::Output, grad: &mut Self) -> f32 {
                $net::backward(self, x, target, Mse, grad)
            }
            fn backward_in(&self, x: &Self::Input, target: &Self::Output, grad: &mut Self, arena: &mut $arena) -> f32 {
                $net::backward_in(self, x, target, Mse, grad, arena)
            }
            fn descend(&mut self, x: &Self::Input, target: &Self::Output) -> f32 {
                $net::descend(self, x, target, Mse, 0.1)
            }
            fn descend_in(&mut self, x: &Self::Input, target: &Self::Output, arena: &mut $arena) -> f32 {
                $net::descend_in(self, x, target, Mse, 0.1, arena)
            }
        }
    )*};
}

trains_in_arena!(Mlp MlpTrainingArena, Cnn CnnTrainingArena, Residual ResidualTrainingArena, Normalized NormalizedTrainingArena);

/// `backward_in` and `descend_in` give `backward`'s and `descend`'s losses, gradients and
/// steps, bit for bit, on random weights, inputs and targets, three samples in one arena.
fn same_as_backward<N: TrainsInArena>(seed: u64)
where
    N::Input: TryFrom<Vec<f32>>,
    N::Output: TryFrom<Vec<f32>>,
{
    let mut random_values = rng(seed);
    let mut net = N::zeros_boxed();
    Init::He.apply(&mut *net, &mut random_values);
    let mut twin = net.clone();
    let (mut grad, mut grad_in) = (N::zeros_boxed(), N::zeros_boxed());
    let mut arena = N::Arena::default();
    for _ in 0..3 {
        let x: N::Input = random(N::INPUTS, &mut random_values);
        let target: N::Output = random(N::OUTPUTS, &mut random_values);
        let loss = net.backward(&x, &target, &mut grad);
        let loss_in = net.backward_in(&x, &target, &mut grad_in, &mut arena);
        assert_eq!(loss_in.to_bits(), loss.to_bits());
        assert_eq!(grad_in, grad);
        let loss = net.descend(&x, &target);
        let loss_in = twin.descend_in(&x, &target, &mut arena);
        assert_eq!(loss_in.to_bits(), loss.to_bits());
        assert_eq!(twin, net);
    }
}

#[test]
fn the_training_arena_computes_what_backward_does() {
    same_as_backward::<Mlp>(4);
    same_as_backward::<Cnn>(5);
    same_as_backward::<Residual>(6);
    same_as_backward::<Normalized>(7);
}

#[test]
fn the_training_arena_holds_what_backward_keeps_at_once() {
    // At the second layer's backward step: the forward values of the first two (2 x 16 and
    // 2 x 8), the second's gradient (8, `dz` turned into `du` in place), and the first's `dz`
    // it writes (16).
    assert_eq!(Mlp::TRAINING_BYTES, (32 + 16 + 8 + 16) * 4);
    // At the pooling's backward step: the convolution's `u` and `z` (2 x 4 x 8 x 8), the
    // pooling's (2 x 4 x 4 x 4) and its gradient (64), and the convolution's `dz` it writes
    // (256).
    assert_eq!(Cnn::TRAINING_BYTES, (512 + 128 + 64 + 256) * 4);
}
