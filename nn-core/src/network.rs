//! The traits every generated network implements.

#[cfg(feature = "alloc")]
use alloc::boxed::Box;

use bytemuck::Zeroable;
use rand_core::Rng;

use crate::activation::Differentiable;
use crate::init::Init;
use crate::loss::{Loss, PairsWith};
use crate::team::Team;
use crate::{Scalar, Summary};

/// A network declared with `network!`: what generic code (optimisers, initialisers, checks, save and
/// load) needs to know about it.
///
/// Its parameters are seen as a list of tensors, [`Network::TENSORS`]: each layer's weight matrix
/// then its bias vector, as flat slices. Optimisers walk that list once, for any network.
///
/// The generated struct also has inherent methods and constants of the same names (all but
/// [`Network::TENSORS`], [`Network::ZERO`], [`Network::tensor`] and [`Network::tensor_mut`]), so
/// the trait only needs importing for code that is generic over networks.
///
/// Every network is [`Zeroable`]: it is made of arrays of `f32` or `f64` only, so all-zero bytes
/// are a valid network, the one of zeros. That is what lets [`Network::zeros_boxed`] ask the
/// allocator for zeroed memory rather than build the network on the stack.
///
/// # On the stack, in a `static`, or on the heap
///
/// A network is a value: `784 => relu 512 => relu 512 => softmax 10` is 2.7 MB of `f32`, and the
/// gradient and optimiser state are networks too.
///
/// - Small networks can live on the stack: [`Network::zeros`], [`Network::initialized`], the
///   optimisers' `new`. Training with Adam that way took 7.1 times the network's bytes of stack
///   in a debug build and 4.1 times in a release build: on a 2 MiB thread (a test's), up to
///   about 70 k `f32` parameters in debug and 120 k in release.
/// - On firmware, networks and optimiser state live in `static`s, built by the `const fn`s
///   `zeros()`, `ones()` and the optimisers' `new`, or by `nn::include_weights!`.
/// - Anything larger, on a host: [`Network::zeros_boxed`], [`Network::initialized_boxed`] and the
///   optimisers' `new_boxed` (feature `alloc`, part of `std`) build it in place on the heap, where
///   it never touches the stack. Training functions take `&mut *net` for a `Box<Net>`.
///
/// # Examples
///
/// ```
/// use nn::Network;
///
/// nn::network! { struct Seed3 = 2 => relu 3 => relu 2 => identity 2; }
///
/// fn describe<N: Network>(net: &N, x: &N::Input) -> (usize, N::Output) {
///     (N::PARAMETERS, net.forward(x))
/// }
/// let (parameters, y) = describe(&Seed3::ones(), &[1.0, 2.0]);
/// assert_eq!(parameters, 23);
/// assert_eq!(y, [27.0, 27.0]); // 1+2+1 = 4, then 4·3+1 = 13, then 13·2+1 = 27
///
/// let names: Vec<_> = Seed3::TENSORS.iter().map(|t| t.name).collect();
/// assert_eq!(names[..2], ["layer1.weight", "layer1.bias"]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a network declared with `network!`",
    note = "for a network in a `Box`, pass `&*net` or `&mut *net`"
)]
pub trait Network: Sized + Zeroable {
    /// The number type, `f32` or `f64`.
    type Scalar: Scalar;
    /// `[Self::Scalar; INPUTS]`.
    type Input: Copy + AsRef<[Self::Scalar]> + AsMut<[Self::Scalar]>;
    /// `[Self::Scalar; OUTPUTS]`.
    type Output: Copy + AsRef<[Self::Scalar]> + AsMut<[Self::Scalar]>;

    /// The input width.
    const INPUTS: usize;
    /// The output width.
    const OUTPUTS: usize;
    /// The number of weights and biases.
    const PARAMETERS: usize;
    /// The parameter tensors, in order: `layer1.weight`, `layer1.bias`, `layer2.weight`, …
    const TENSORS: &'static [Tensor];

    /// A network with every parameter zero, as a constant: optimiser state built from it by a
    /// `const fn` can live in a `static`.
    ///
    /// Outside constants, prefer [`Network::zeros`] or [`Network::zeros_boxed`]: code that runs
    /// and uses `ZERO` copies it from a constant, which an unoptimised build keeps whole in the
    /// binary, megabytes for a large network.
    const ZERO: Self;

    /// A network with every parameter zero, written at run time (no constant is copied).
    #[must_use]
    fn zeros() -> Self {
        Zeroable::zeroed()
    }

    /// A network with every parameter zero, allocated zeroed on the heap: it never passes
    /// through the stack, whatever its size.
    ///
    /// # Examples
    ///
    /// ```
    /// nn::network! { struct Wide = 784 => relu 1024 => relu 1024 => softmax 10; }
    ///
    /// let grad: Box<Wide> = Wide::zeros_boxed(); // 7.5 MB, more than a thread's stack
    /// assert!(grad.layer2.weights.iter().flatten().all(|&w| w == 0.0));
    /// ```
    #[cfg(feature = "alloc")]
    #[must_use]
    fn zeros_boxed() -> Box<Self> {
        crate::boxed::zeroed()
    }

    /// Runs the network on one input.
    fn forward(&self, input: &Self::Input) -> Self::Output;

    /// The table of layers, shapes and parameter counts.
    fn summary() -> Summary;

    /// The parameters of tensor `index` of [`Network::TENSORS`], row after row; empty past the end.
    fn tensor(&self, index: usize) -> &[Self::Scalar];

    /// The parameters of tensor `index`, to change them; empty past the end.
    fn tensor_mut(&mut self, index: usize) -> &mut [Self::Scalar];

    /// The loss of one sample: `loss` of `forward(input)` against `target`.
    fn loss<L, D>(&self, input: &Self::Input, target: &D, loss: L) -> Self::Scalar
    where
        L: Loss<Self::Scalar, Self::Output, D>,
    {
        loss.loss(&self.forward(input), target)
    }

    /// Sets every parameter to `value`; `fill(0)` clears a gradient.
    fn fill(&mut self, value: Self::Scalar) {
        for index in 0..Self::TENSORS.len() {
            self.tensor_mut(index).fill(value);
        }
    }

    /// Multiplies every parameter by `factor`.
    fn scale(&mut self, factor: Self::Scalar) {
        for index in 0..Self::TENSORS.len() {
            for value in self.tensor_mut(index) {
                *value *= factor;
            }
        }
    }

    /// Adds `factor * other` to every parameter: `add_scaled(&grad, -learning_rate)` is a gradient
    /// descent step.
    fn add_scaled(&mut self, other: &Self, factor: Self::Scalar) {
        for index in 0..Self::TENSORS.len() {
            for (value, &delta) in self.tensor_mut(index).iter_mut().zip(other.tensor(index)) {
                *value += factor * delta;
            }
        }
    }

    /// A network initialised by `init` (see [`Init`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::init::{Init, rng};
    ///
    /// nn::network! { struct Net = 4 => relu 8 => identity 2; }
    ///
    /// let a = Net::initialized(Init::He, &mut rng(7));
    /// let b = Net::initialized(Init::He, &mut rng(7));
    /// assert_eq!(a, b); // seeded: reproducible
    /// assert_eq!(a.layer1.bias, [0.0; 8]);
    /// ```
    #[must_use]
    fn initialized<R: Rng + ?Sized>(init: Init, rng: &mut R) -> Self {
        let mut net = Self::zeros();
        init.apply(&mut net, rng);
        net
    }

    /// [`Network::initialized`] in place on the heap: the same network for the same generator,
    /// and it never passes through the stack.
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::init::{Init, rng};
    ///
    /// nn::network! { struct Net = 4 => relu 8 => identity 2; }
    ///
    /// let boxed = Net::initialized_boxed(Init::He, &mut rng(7));
    /// assert_eq!(*boxed, Net::initialized(Init::He, &mut rng(7)));
    /// ```
    #[cfg(feature = "alloc")]
    #[must_use]
    fn initialized_boxed<R: Rng + ?Sized>(init: Init, rng: &mut R) -> Box<Self> {
        let mut net = Self::zeros_boxed();
        init.apply(&mut *net, rng);
        net
    }

    /// `true` unless some parameter is NaN or infinite.
    fn is_finite(&self) -> bool {
        (0..Self::TENSORS.len()).all(|index| self.tensor(index).iter().all(|v| v.is_finite()))
    }
}

/// One parameter tensor of a network: its name, its shape as `nn` keeps it and as `PyTorch` does,
/// and its fan-in.
///
/// # Examples
///
/// ```
/// use nn::{Network, TorchOrder};
///
/// nn::network! { struct Net = 4 => relu 3 => identity 1; }
///
/// let weight = Net::TENSORS[0];
/// assert_eq!((weight.name, weight.rows, weight.columns), ("layer1.weight", 4, 3));
/// assert_eq!((weight.torch_shape, weight.torch_order), (&[3, 4][..], TorchOrder::Transposed));
/// assert_eq!(weight.fan_in, 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tensor {
    /// `layer1.weight`, `layer1.bias`, … (the names `PyTorch` gives an `nn.Linear` stack).
    pub name: &'static str,
    /// Its values in `nn`'s memory are `rows` rows of `columns`: a weight matrix has one row per
    /// input (a convolution's, per channel and kernel place); a bias has one row.
    pub rows: usize,
    /// One column per output.
    pub columns: usize,
    /// A weight matrix or a bias vector.
    pub kind: TensorKind,
    /// How many inputs each output it makes sums over: what `Init::Xavier` and `Init::He` scale
    /// by.
    pub fan_in: usize,
    /// Its shape in `PyTorch`: `[outputs, inputs]` for a dense layer's weight, `[filters,
    /// channels, kernel rows, kernel columns]` for a 2-D convolution's, `[outputs]` for a bias.
    pub torch_shape: &'static [usize],
    /// How `nn`'s order of its values relates to `PyTorch`'s.
    pub torch_order: TorchOrder,
}

/// What a [`Tensor`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TensorKind {
    /// A layer's weight matrix `W`, `inputs x outputs`.
    Weight,
    /// A layer's bias vector `b` (a batch normalisation's shift `β`).
    Bias,
    /// A batch normalisation's scale `γ`, one per channel.
    Scale,
    /// A batch normalisation's running mean: kept for inference, not trained. In a gradient, the
    /// batch statistics it follows.
    RunningMean,
    /// A batch normalisation's running variance, likewise.
    RunningVar,
}

impl TensorKind {
    /// Whether gradient descent trains it: all but the running averages, which follow the batch
    /// statistics instead (`Trainable::track_statistics`).
    pub const fn is_trained(self) -> bool {
        !matches!(self, Self::RunningMean | Self::RunningVar)
    }

    /// The value a random initialisation gives it, where it is not random: a batch
    /// normalisation's scale 1, running mean 0 and running variance 1, as `PyTorch`'s.
    pub const fn initial(self) -> Option<f64> {
        match self {
            Self::Scale | Self::RunningVar => Some(1.0),
            Self::RunningMean => Some(0.0),
            Self::Weight | Self::Bias => None,
        }
    }

    /// The tensor's name in a `PyTorch` module: `weight`, `bias`, `running_mean`, `running_var`.
    pub const fn torch_name(self) -> &'static str {
        match self {
            Self::Weight | Self::Scale => "weight",
            Self::Bias => "bias",
            Self::RunningMean => "running_mean",
            Self::RunningVar => "running_var",
        }
    }
}

/// How the values of a [`Tensor`] are ordered in `nn`'s memory, against `PyTorch`'s order for
/// [`Tensor::torch_shape`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TorchOrder {
    /// In the same order.
    Same,
    /// `nn`'s `rows x columns` matrix is the transpose of `PyTorch`'s, which is `columns x rows`
    /// (its shape's first axis the columns, the others the rows): `nn` multiplies `x·W`,
    /// `PyTorch` `W·x`.
    Transposed,
}

impl Tensor {
    /// The number of parameters, `rows * columns`.
    pub const fn len(&self) -> usize {
        self.rows * self.columns
    }

    /// `true` for a tensor without parameters (never the case in a generated network).
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where value `index` of `PyTorch`'s order is in `nn`'s, for `index < self.len()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::Network;
    ///
    /// nn::network! { struct Net = 2 => identity 3; }
    ///
    /// // PyTorch's weight is [[w00, w10], [w01, w11], [w02, w12]]: its value 1 is our w10.
    /// let weight = Net::TENSORS[0];
    /// assert_eq!(weight.our_index(1), 3);
    /// assert_eq!(Net::TENSORS[1].our_index(1), 1);
    /// ```
    pub const fn our_index(&self, index: usize) -> usize {
        match self.torch_order {
            TorchOrder::Same => index,
            TorchOrder::Transposed => (index % self.rows) * self.columns + index / self.rows,
        }
    }
}

/// A network that can be trained: every activation in it is [`Differentiable`].
///
/// Generated for every network; a network containing `step` gets it only under a bound that does
/// not hold, so training it is a compile error that says why.
///
/// # Examples
///
/// ```
/// use nn::{Trainable, loss::Mse};
///
/// nn::network! { struct Line: f64 = 1 => identity 1; }
///
/// // y = w x + b with w = 2, b = 0; for x = 1, d = 3 the loss is (3 - 2)² / 2.
/// let mut net = Line::zeros();
/// net.layer1.weights = [[2.0]];
/// let mut grad = Line::zeros();
/// let loss = Trainable::backward(&net, &[1.0], &[3.0], Mse, &mut grad);
/// assert_eq!(loss, 0.5);
/// assert_eq!((grad.layer1.weights, grad.layer1.bias), ([[-1.0]], [-1.0]));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be trained",
    note = "every activation of a trainable network must be differentiable; `step` is not"
)]
pub trait Trainable: Network {
    /// The activation that produces the network's output: the one its loss must pair with.
    type OutputActivation: Differentiable;

    /// The buffers in which [`backward_samples_in`](Self::backward_samples_in) trains blocks of
    /// samples: `()` for a network trained sample by sample; for a network `NAME` with a layer of
    /// 4,096 multiply-adds a sample or more (a dense layer of 4,096 weights), the generated
    /// `NAMEWorkspace`, each layer's values for 32 samples.
    /// Made once (`NAMEWorkspace::new()` is `const`, for a `static` on firmware;
    /// `nn::boxed::zeroed()` puts one on the heap) and reused for every step.
    type Workspace: Zeroable;

    /// Whether [`Parallel`](crate::parallel::Parallel) shares each of a block's products between
    /// its threads, as for a network trained in blocks whose layers are all dense; otherwise
    /// (the default) each thread takes a share of the samples. A convolution's products go a
    /// sample at a time within a block, on one thread: sharing only the dense layers' left the
    /// second thread idle, and two threads trained the digits CNN slower than one.
    const SHARES_PRODUCTS: bool = false;

    /// Runs `input` forward, returns the loss against `target`, and ADDS the gradient of that loss
    /// with respect to every parameter into `grad`.
    fn backward<L, D>(
        &self,
        input: &Self::Input,
        target: &D,
        loss: L,
        grad: &mut Self,
    ) -> Self::Scalar
    where
        L: Loss<Self::Scalar, Self::Output, D> + PairsWith<Self::OutputActivation>;

    /// The loss [`backward`](Self::backward) differentiates: [`Network::loss`], but for a network
    /// with batch normalisation, which `backward` normalises by the sample's own statistics
    /// (a batch of one) where `forward` takes the running averages.
    fn training_loss<L, D>(&self, input: &Self::Input, target: &D, loss: L) -> Self::Scalar
    where
        L: Loss<Self::Scalar, Self::Output, D>,
    {
        self.loss(input, target, loss)
    }

    /// Moves each batch normalisation's running averages towards the batch statistics that
    /// `grad` holds, a gradient averaged over its samples (as [`train::step`](crate::train::step)
    /// computes it): `running ← running + momentum · (batch - running)`, with the layer's
    /// momentum. The training loops call it after each optimiser step; a loop of one's own
    /// (`backward`, then an optimiser's `step`) calls it likewise. Nothing, for a network without
    /// batch normalisation.
    fn track_statistics(&mut self, grad: &Self) {
        let _ = grad;
    }

    /// One step of plain gradient descent on one sample, in one pass and without a gradient
    /// buffer: runs `input` forward, returns the loss, and moves every parameter by
    /// `-learning_rate` times its gradient. The learning rate is an `f64`, as every
    /// hyper-parameter in `nn` (the optimisers' too), rounded to the network's scalar. Each layer's
    /// input gradient is taken before its own weights move, so this is
    /// [`backward`](Self::backward) then [`Sgd::step`](crate::optim::Sgd::step), up to rounding.
    /// If the loss is NaN or infinite, nothing moves.
    fn descend<L, D>(
        &mut self,
        input: &Self::Input,
        target: &D,
        loss: L,
        learning_rate: f64,
    ) -> Self::Scalar
    where
        L: Loss<Self::Scalar, Self::Output, D> + PairsWith<Self::OutputActivation>;

    /// Adds the gradient of every sample's loss into `grad` and returns the sum of the losses:
    /// the same as [`Trainable::backward`] on each sample in turn, bit for bit (but with batch
    /// normalisation, which normalises the samples of each block by their statistics).
    ///
    /// `network!` overrides it for networks with a large layer, which then process blocks of
    /// samples at once so that each weight and gradient row is read once per block: blocks of 32
    /// whose buffers each thread makes on the heap at its first call and keeps (with `std`), and
    /// blocks whose buffers fit in 64 KiB of stack for what is left (and without `std`).
    fn backward_samples<L, D>(
        &self,
        samples: &[(Self::Input, D)],
        loss: L,
        grad: &mut Self,
    ) -> Self::Scalar
    where
        L: Loss<Self::Scalar, Self::Output, D> + PairsWith<Self::OutputActivation> + Copy,
    {
        let mut total = Self::Scalar::ZERO;
        for (input, target) in samples {
            total += self.backward(input, target, loss, grad);
        }
        total
    }

    /// [`backward_samples`](Self::backward_samples) in the buffers of `workspace` instead of the
    /// thread's own, which a thread makes at its first call: with a workspace made beforehand, not
    /// even the first call allocates, and without `std` the blocks are as large as with it. The
    /// same gradient and losses, bit for bit.
    fn backward_samples_in<L, D>(
        &self,
        samples: &[(Self::Input, D)],
        loss: L,
        grad: &mut Self,
        workspace: &mut Self::Workspace,
    ) -> Self::Scalar
    where
        L: Loss<Self::Scalar, Self::Output, D> + PairsWith<Self::OutputActivation> + Copy,
    {
        let _ = workspace;
        self.backward_samples(samples, loss, grad)
    }

    /// Sets `grad` to `scale` times the sum of the samples' gradients and returns the sum of
    /// their losses: the same, bit for bit, as clearing `grad`, then
    /// [`backward_samples`](Self::backward_samples), then multiplying `grad` by `scale`. A network
    /// trained in blocks does it in fewer passes over `grad`: its first block starts the sums
    /// from zero and its last block scales them. `scale = 1 / samples` gives the mean gradient.
    fn scaled_gradient<L, D>(
        &self,
        samples: &[(Self::Input, D)],
        loss: L,
        grad: &mut Self,
        scale: Self::Scalar,
    ) -> Self::Scalar
    where
        L: Loss<Self::Scalar, Self::Output, D> + PairsWith<Self::OutputActivation> + Copy,
    {
        grad.fill(Self::Scalar::ZERO);
        let total = self.backward_samples(samples, loss, grad);
        grad.scale(scale);
        total
    }

    /// [`scaled_gradient`](Self::scaled_gradient) in the buffers of `workspace` (as
    /// [`backward_samples_in`](Self::backward_samples_in)), with each large layer's products
    /// shared among `team`'s threads. With [`Alone`](crate::team::Alone), the same gradient and
    /// losses bit for bit; with two threads, each large layer's forward sums are added in two
    /// halves, which rounds differently (every other sum is still one thread's, in its order).
    fn scaled_gradient_in<L, D>(
        &self,
        samples: &[(Self::Input, D)],
        loss: L,
        grad: &mut Self,
        scale: Self::Scalar,
        workspace: &mut Self::Workspace,
        team: &dyn Team,
    ) -> Self::Scalar
    where
        L: Loss<Self::Scalar, Self::Output, D> + PairsWith<Self::OutputActivation> + Copy,
    {
        let _ = team;
        grad.fill(Self::Scalar::ZERO);
        let total = self.backward_samples_in(samples, loss, grad, workspace);
        grad.scale(scale);
        total
    }
}
