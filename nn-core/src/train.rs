//! Training loops for every form of gradient descent, without allocation.
//!
//! | form | here |
//! | --- | --- |
//! | batch (full-batch) gradient descent: the mean gradient of all samples | [`step`] on the whole data set |
//! | stochastic gradient descent: one randomly drawn sample per update | [`stochastic`] |
//! | mini-batch gradient descent: shuffled batches, one update each | [`epoch`] |
//! | online learning: update as each sample arrives | [`online`] |
//!
//! Samples are `(input, target)` pairs. The gradient buffer `grad` is a network of the trained
//! network's own type, made once by the caller (`N::zeros()`) and reused for every update.
//!
//! A sample whose input or loss is NaN or infinite stops training with an error before the network
//! is updated with it. Inputs are checked as well as losses because a saturating activation
//! (`tanh(inf) = 1`) can hide an infinite input from the loss while it still poisons the gradient.

use core::fmt;

use rand_core::Rng;

use crate::init;
use crate::loss::{Loss, PairsWith};
use crate::optim::Optimizer;
use crate::team::Alone;
use crate::{Scalar, Trainable};

/// Why a training call stopped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TrainError {
    /// There were no samples: no gradient to take.
    Empty,
    /// A batch size of zero was asked for.
    ZeroBatchSize,
    /// A sample's input holds NaN or an infinity. The network was not updated with it.
    NonFiniteInput {
        /// The sample's position in the data given (for [`epoch`], after shuffling; for
        /// [`stochastic`], the step).
        sample: usize,
    },
    /// A sample's loss was NaN or infinite: a bad target (NaN, a class index out of range) or
    /// training that diverged (a learning rate too large). The network was not updated with it.
    NonFiniteLoss {
        /// The sample's position, as for [`TrainError::NonFiniteInput`].
        sample: usize,
        /// Its loss.
        loss: f64,
    },
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("no samples to train on"),
            Self::ZeroBatchSize => f.write_str("the batch size must be at least 1"),
            Self::NonFiniteInput { sample } => {
                write!(f, "the input of sample {sample} holds NaN or an infinity")
            }
            Self::NonFiniteLoss { sample, loss } => write!(
                f,
                "the loss of sample {sample} is {loss}: check its target for NaN or a class index \
                 out of range, or lower the learning rate"
            ),
        }
    }
}

impl core::error::Error for TrainError {}

/// What a training pass did: how many samples it used and their mean loss before each update.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome<T> {
    /// The number of samples used.
    pub samples: usize,
    /// The mean loss over those samples.
    pub mean_loss: T,
}

/// Sets `grad` to the mean gradient of `loss` over `batch` and returns the mean loss.
///
/// # Errors
///
/// [`TrainError::Empty`] for an empty batch; [`TrainError::NonFiniteInput`] or
/// [`TrainError::NonFiniteLoss`] for a sample with NaN or infinite values (its position in `batch`).
pub fn gradient<N, L, D>(
    net: &N,
    batch: &[(N::Input, D)],
    loss: L,
    grad: &mut N,
) -> Result<N::Scalar, TrainError>
where
    N: Trainable,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
{
    mean_gradient(net, batch, loss, grad, |grad, scale| {
        net.scaled_gradient(batch, loss, grad, scale)
    })
}

/// [`gradient`] with the blocks of samples in `workspace` (see [`Trainable::Workspace`]): the
/// same gradient and loss, bit for bit, and nothing allocated, not even at the first call.
///
/// # Errors
///
/// As [`gradient`].
pub fn gradient_in<N, L, D>(
    net: &N,
    batch: &[(N::Input, D)],
    loss: L,
    grad: &mut N,
    workspace: &mut N::Workspace,
) -> Result<N::Scalar, TrainError>
where
    N: Trainable,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
{
    mean_gradient(net, batch, loss, grad, |grad, scale| {
        net.scaled_gradient_in(batch, loss, grad, scale, workspace, &Alone)
    })
}

/// [`gradient`] with the scaled sum of the samples' gradients, and their losses, taken by
/// `scaled_gradient(grad, 1 / batch)`.
pub(crate) fn mean_gradient<N, L, D>(
    net: &N,
    batch: &[(N::Input, D)],
    loss: L,
    grad: &mut N,
    scaled_gradient: impl FnOnce(&mut N, N::Scalar) -> N::Scalar,
) -> Result<N::Scalar, TrainError>
where
    N: Trainable,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
{
    check_inputs::<N, D>(batch)?;
    let count = N::Scalar::from_f64(batch.len() as f64);
    let total = scaled_gradient(grad, N::Scalar::ONE / count);
    if !total.is_finite() {
        return Err(non_finite_loss(net, batch, loss, total));
    }
    Ok(total / count)
}

/// One update from the mean gradient of `batch`; returns the batch's mean loss before the update.
///
/// A batch of one sample is per-sample gradient descent; the whole data set is full-batch gradient
/// descent.
///
/// # Errors
///
/// As [`gradient`]; on error the network is unchanged.
///
/// # Examples
///
/// ```
/// use nn::{loss::Mse, optim::Sgd, train};
///
/// nn::network! { struct Line: f64 = 1 => identity 1; }
///
/// // Full-batch gradient descent on y = 2x.
/// let data = [([0.0], [0.0]), ([1.0], [2.0]), ([2.0], [4.0])];
/// let (mut net, mut grad) = (Line::zeros(), Line::zeros());
/// let mut sgd = Sgd::new(0.1);
/// let first = train::step(&mut net, &mut sgd, &data, Mse, &mut grad)?;
/// for _ in 0..500 {
///     train::step(&mut net, &mut sgd, &data, Mse, &mut grad)?;
/// }
/// let last = train::step(&mut net, &mut sgd, &data, Mse, &mut grad)?;
/// assert!(last < first * 1e-6);
/// # Ok::<(), nn::train::TrainError>(())
/// ```
pub fn step<N, O, L, D>(
    net: &mut N,
    optimizer: &mut O,
    batch: &[(N::Input, D)],
    loss: L,
    grad: &mut N,
) -> Result<N::Scalar, TrainError>
where
    N: Trainable,
    O: Optimizer<N>,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
{
    let mean_loss = gradient(net, batch, loss, grad)?;
    optimizer.step(net, grad);
    net.track_statistics(grad);
    Ok(mean_loss)
}

/// [`step`] with the blocks of samples in `workspace`: the same update, bit for bit, and nothing
/// allocated, not even at the first step. For networks with a large layer (4,096 multiply-adds a
/// sample or more), whose workspace is a generated `NAMEWorkspace` (see
/// [`Trainable::Workspace`]); for the others it is `()`.
///
/// # Errors
///
/// As [`gradient`]; on error the network is unchanged.
///
/// # Examples
///
/// ```
/// use nn::{loss::CrossEntropy, optim::Sgd, train};
///
/// nn::network! { struct Wide = 64 => relu 128 => softmax 10; }
///
/// // Made once: on the heap here (72 KB), or as a `static` with the `const fn` `WideWorkspace::new()`.
/// let mut workspace: Box<WideWorkspace> = nn::boxed::zeroed();
/// let mut rng = nn::init::rng(1);
/// let (mut net, mut grad) = (Wide::initialized(nn::init::Init::He, &mut rng), Wide::zeros());
/// let batch: Vec<([f32; 64], usize)> = (0..32).map(|i| ([i as f32 / 32.0; 64], i % 10)).collect();
/// let mut sgd = Sgd::new(0.01);
/// let first = train::step_in(&mut net, &mut sgd, &batch, CrossEntropy, &mut grad, &mut workspace)?;
/// for _ in 0..50 {
///     train::step_in(&mut net, &mut sgd, &batch, CrossEntropy, &mut grad, &mut workspace)?;
/// }
/// let last = train::step_in(&mut net, &mut sgd, &batch, CrossEntropy, &mut grad, &mut workspace)?;
/// assert!(last < first);
/// # Ok::<(), nn::train::TrainError>(())
/// ```
pub fn step_in<N, O, L, D>(
    net: &mut N,
    optimizer: &mut O,
    batch: &[(N::Input, D)],
    loss: L,
    grad: &mut N,
    workspace: &mut N::Workspace,
) -> Result<N::Scalar, TrainError>
where
    N: Trainable,
    O: Optimizer<N>,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
{
    let mean_loss = gradient_in(net, batch, loss, grad, workspace)?;
    optimizer.step(net, grad);
    net.track_statistics(grad);
    Ok(mean_loss)
}

/// [`TrainError::Empty`] for an empty batch, [`TrainError::NonFiniteInput`] for the first input
/// with NaN or an infinity.
pub(crate) fn check_inputs<N: Trainable, D>(batch: &[(N::Input, D)]) -> Result<(), TrainError> {
    if batch.is_empty() {
        return Err(TrainError::Empty);
    }
    match crate::kernel::first_non_finite(batch) {
        Some(sample) => Err(TrainError::NonFiniteInput { sample }),
        None => Ok(()),
    }
}

/// The error for a batch whose summed loss `total` is not finite: the first sample whose own loss
/// is not (rare, so found again by its loss alone), else the sum against the last sample.
pub(crate) fn non_finite_loss<N, L, D>(
    net: &N,
    batch: &[(N::Input, D)],
    loss: L,
    total: N::Scalar,
) -> TrainError
where
    N: Trainable,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
{
    for (sample, (input, target)) in batch.iter().enumerate() {
        let value = net.loss(input, target, loss);
        if !value.is_finite() {
            return TrainError::NonFiniteLoss {
                sample,
                loss: value.to_f64(),
            };
        }
    }
    TrainError::NonFiniteLoss {
        sample: batch.len() - 1,
        loss: total.to_f64(),
    }
}

/// One epoch of mini-batch gradient descent: shuffles `samples` in place, then makes one update
/// per batch of `batch_size` (the last batch may be smaller).
///
/// # Errors
///
/// [`TrainError::ZeroBatchSize`], [`TrainError::Empty`], or a non-finite sample with its position
/// in `samples` as shuffled; updates made before the error are kept.
///
/// # Examples
///
/// ```
/// use nn::{init::rng, loss::Mse, optim::Sgd, train};
///
/// nn::network! { struct Line: f64 = 1 => identity 1; }
///
/// let mut data: Vec<([f64; 1], [f64; 1])> = (0..32).map(|i| {
///     let x = f64::from(i) / 32.0;
///     ([x], [3.0 * x - 1.0])
/// }).collect();
/// let (mut net, mut grad) = (Line::zeros(), Line::zeros());
/// let mut rng = rng(1);
/// let mut sgd = Sgd::new(0.5);
/// for _ in 0..200 {
///     train::epoch(&mut net, &mut sgd, &mut data, 8, Mse, &mut grad, &mut rng)?;
/// }
/// assert!((net.layer1.weights[0][0] - 3.0).abs() < 1e-3);
/// # Ok::<(), nn::train::TrainError>(())
/// ```
pub fn epoch<N, O, L, D, R>(
    net: &mut N,
    optimizer: &mut O,
    samples: &mut [(N::Input, D)],
    batch_size: usize,
    loss: L,
    grad: &mut N,
    rng: &mut R,
) -> Result<Outcome<N::Scalar>, TrainError>
where
    N: Trainable,
    O: Optimizer<N>,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
    R: Rng + ?Sized,
{
    if batch_size == 0 {
        return Err(TrainError::ZeroBatchSize);
    }
    if samples.is_empty() {
        return Err(TrainError::Empty);
    }
    shuffle(samples, rng);
    let mut total = N::Scalar::ZERO;
    for (number, batch) in samples.chunks(batch_size).enumerate() {
        let mean = step(net, optimizer, batch, loss, grad)
            .map_err(|error| error.offset(number * batch_size))?;
        total += mean * N::Scalar::from_f64(batch.len() as f64);
    }
    Ok(Outcome {
        samples: samples.len(),
        mean_loss: total / N::Scalar::from_f64(samples.len() as f64),
    })
}

/// Stochastic gradient descent: `steps` updates, each on one sample drawn at
/// random (with replacement, like `np.random.choice`).
///
/// To see every step's loss (to plot them), write the loop with [`choose`] and [`step`]:
///
/// ```
/// use nn::{init::rng, loss::Mse, optim::Sgd, train};
///
/// nn::network! { struct Line: f64 = 1 => identity 1; }
///
/// let data = [([1.0], [2.0]), ([2.0], [4.0])];
/// let (mut net, mut grad, mut rng) = (Line::zeros(), Line::zeros(), rng(0));
/// let mut losses = Vec::new();
/// for _ in 0..100 {
///     let sample = train::choose(&data, &mut rng).expect("data is not empty");
///     losses.push(train::step(&mut net, &mut Sgd::new(0.05), std::slice::from_ref(sample), Mse, &mut grad)?);
/// }
/// assert!(losses[99] < losses[0] / 100.0);
/// # Ok::<(), nn::train::TrainError>(())
/// ```
///
/// # Errors
///
/// [`TrainError::Empty`], or a non-finite sample with the step at which it came; updates made
/// before the error are kept.
pub fn stochastic<N, O, L, D, R>(
    net: &mut N,
    optimizer: &mut O,
    samples: &[(N::Input, D)],
    steps: usize,
    loss: L,
    grad: &mut N,
    rng: &mut R,
) -> Result<Outcome<N::Scalar>, TrainError>
where
    N: Trainable,
    O: Optimizer<N>,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
    D: Clone,
    R: Rng + ?Sized,
{
    if samples.is_empty() {
        return Err(TrainError::Empty);
    }
    // Drawing samples at random is online learning from a stream of random draws.
    let draws = (0..steps).map(|_| samples[init::below(rng, samples.len())].clone());
    online(net, optimizer, draws, loss, grad)
}

/// Online learning: one update per sample as the samples arrive, from any iterator (a sensor, a
/// file being read, a generator), without storing them.
///
/// # Errors
///
/// A non-finite sample, with its position in the stream; updates made before the error are kept.
/// An empty stream is not an error: it trains on nothing.
pub fn online<N, O, L, D, I>(
    net: &mut N,
    optimizer: &mut O,
    stream: I,
    loss: L,
    grad: &mut N,
) -> Result<Outcome<N::Scalar>, TrainError>
where
    N: Trainable,
    O: Optimizer<N>,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
    I: IntoIterator<Item = (N::Input, D)>,
{
    let mut total = N::Scalar::ZERO;
    let mut count = 0;
    for (input, target) in stream {
        if !crate::kernel::all_finite(input.as_ref()) {
            return Err(TrainError::NonFiniteInput { sample: count });
        }
        // `step_sample` updates nothing when the loss is not finite.
        let value = optimizer.step_sample(net, &input, &target, loss, grad);
        if !value.is_finite() {
            return Err(TrainError::NonFiniteLoss {
                sample: count,
                loss: value.to_f64(),
            });
        }
        total += value;
        count += 1;
    }
    Ok(Outcome {
        samples: count,
        mean_loss: total / N::Scalar::from_f64(count.max(1) as f64),
    })
}

/// One item drawn uniformly at random, `None` if there are none: `np.random.choice` for one item.
pub fn choose<'a, S, R: Rng + ?Sized>(items: &'a [S], rng: &mut R) -> Option<&'a S> {
    if items.is_empty() {
        None
    } else {
        items.get(init::below(rng, items.len()))
    }
}

/// Shuffles `items` in place (Fisher–Yates), every order equally likely.
pub fn shuffle<S, R: Rng + ?Sized>(items: &mut [S], rng: &mut R) {
    for i in (1..items.len()).rev() {
        items.swap(i, init::below(rng, i + 1));
    }
}

impl TrainError {
    /// The same error with the sample's position moved by `start`: from a position in one batch to
    /// a position in the data the batch came from.
    fn offset(self, start: usize) -> Self {
        match self {
            Self::NonFiniteInput { sample } => Self::NonFiniteInput {
                sample: start + sample,
            },
            Self::NonFiniteLoss { sample, loss } => Self::NonFiniteLoss {
                sample: start + sample,
                loss,
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shuffle;
    use crate::init::rng;

    #[test]
    fn shuffle_permutes() {
        let mut items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        shuffle(&mut items, &mut rng(5));
        assert_ne!(items, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let mut sorted = items;
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
}
