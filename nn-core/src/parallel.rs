//! Mini-batch training on several threads (with the `std` feature).
//!
//! [`Parallel`] shares the work of a step between threads in one of two ways:
//!
//! - A network of dense layers trained in blocks of samples (one with a layer of 4,096 weights
//!   or more) keeps its blocks, and each large layer's products are shared: the weight gradient,
//!   the input gradient and the optimiser's step by rows of the weights (the same rows in each,
//!   so that a thread keeps its rows of the weights and of the gradient in its own cache), the
//!   forward pass in two halves of the rows whose sums are then added. The small layers, the
//!   activations and the loss run on the calling thread.
//! - Any other network (a smaller one, or one with convolutions) splits each batch into one share
//!   per thread; each share runs through `backward` into a gradient buffer of its own, and the
//!   buffers are then summed in a fixed order.
//!
//! The threads and buffers are set up once, in [`Parallel::new`]; a step allocates nothing.
//! Each thread takes its own part first, and then any part not yet taken, the calling one
//! included: on a machine busy with other work, a thread that is not scheduled in time does not
//! hold the step up, the caller does its part instead. A thread that stops in the middle of its
//! part does hold it up; after that, the caller works alone for a while (about 30 ms of W3's
//! steps, doubled each time the threads fall behind again), then tries the threads again.
//!
//! The result is the same whatever the timing of the threads, but with two threads or more it is
//! not bit for bit [`train::gradient`](crate::train::gradient)'s: a large layer's forward sums
//! are added in two halves, a small network's samples in another order. Every other sum is one
//! thread's, in one thread's order.
//!
//! # When threads pay
//!
//! Threads pay off for large batches, or for networks whose step is mostly large products.
//! Measured on a 2-core Xeon with AVX-512 (`bash scripts/threads-under-load.sh`, three runs, step
//! time on one thread over two):
//!
//! | network, batch | idle machine | beside one busy process | beside two |
//! | --- | --- | --- | --- |
//! | `64 => relu 32 => softmax 10`, 32 | 0.96–0.97x | 0.96–0.97x | 0.95–0.96x |
//! | `784 => relu 128 => softmax 10`, 32 | 1.45–1.46x | 0.86–0.97x | 0.68–0.77x |
//! | `784 => relu 128 => softmax 10`, 512 | 1.42–1.44x | 0.94–0.99x | 0.75–0.99x |
//!
//! Before the caller went alone after a late step, the second row was 0.72x beside one busy
//! process. Beside two, four threads share the two cores; the second thread, which spins for a
//! while before it sleeps, probably takes time the caller would have had (not measured apart).
//!
//! Before the large layers' products were shared, the second row was 0.86–0.90x on an idle
//! machine. The small layer, the activations and the loss of `784 => relu 128 => softmax 10` take
//! about a tenth of its step on one thread, and stay on one; the rest of what the second thread
//! does not gain goes to handing over each shared product (three a step) and to the data the
//! threads pass between their cores: the block's values, and a part the caller took when the
//! other thread was late.
//!
//! So: two threads for batches in the hundreds, or for a network of large layers, on a machine of
//! your own; one thread when other work shares the cores.

use core::ops::Range;
use std::boxed::Box;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::vec::Vec;

use crate::loss::{Loss, PairsWith};
use crate::optim::Optimizer;
use crate::team::{self, Team};
use crate::threads::Threads;
use crate::train::{TrainError, check_inputs, mean_gradient, non_finite_loss};
use crate::{Scalar, Trainable};

/// Mini-batch gradients computed on several threads, which are started once and kept.
///
/// # Examples
///
/// ```
/// use nn::{init::{Init, rng}, loss::CrossEntropy, optim::Sgd, parallel::Parallel};
///
/// nn::network! { struct Net: f64 = 4 => tanh 8 => softmax 3; }
///
/// let batch: Vec<([f64; 4], usize)> = (0..30_u8)
///     .map(|i| ([f64::from(i % 3), 1.0, -1.0, 0.5], usize::from(i % 3)))
///     .collect();
/// let mut net = Net::initialized(Init::Xavier, &mut rng(1));
/// let mut grad = Net::zeros();
/// let mut sgd = Sgd::new(0.5);
/// let mut parallel = Parallel::new(2)?;
/// let first = parallel.step(&mut net, &mut sgd, &batch, CrossEntropy, &mut grad)?;
/// for _ in 0..50 {
///     parallel.step(&mut net, &mut sgd, &batch, CrossEntropy, &mut grad)?;
/// }
/// let last = parallel.step(&mut net, &mut sgd, &batch, CrossEntropy, &mut grad)?;
/// assert!(last < first / 10.0, "{first} -> {last}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Parallel<N: Trainable> {
    threads: Threads,
    /// For a network whose samples are shared: one for each share of a batch but the first,
    /// which goes into the caller's `grad`.
    shares: Vec<Mutex<Share<Box<N>, N::Scalar>>>,
    /// For a network whose products are shared: the blocks' buffers.
    workspace: Option<Box<N::Workspace>>,
}

/// A gradient buffer and the summed loss of one share of the batch.
struct Share<G, T> {
    grad: G,
    total: T,
}

impl<N: Trainable> Parallel<N> {
    /// Starts `threads - 1` threads (the calling thread is the first of the `threads`), and
    /// makes on the heap what they train in: for a network whose products they share, one
    /// workspace; for any other, a gradient buffer for each thread. `0` is taken as `1`.
    ///
    /// # Errors
    ///
    /// The operating system's error if a thread cannot be started.
    pub fn new(threads: usize) -> std::io::Result<Self> {
        let threads = Threads::new(threads.max(1))?;
        let buffers = if shares_products::<N>() {
            0
        } else {
            threads.participants() - 1
        };
        let shares = (0..buffers)
            .map(|_| {
                Mutex::new(Share {
                    grad: N::zeros_boxed(),
                    total: N::Scalar::ZERO,
                })
            })
            .collect();
        // A network with convolutions has a workspace too, but its threads take samples.
        let workspace = shares_products::<N>().then(crate::boxed::zeroed);
        Ok(Self {
            threads,
            shares,
            workspace,
        })
    }

    /// The number of threads a batch is split between, the calling thread included.
    pub fn threads(&self) -> usize {
        self.threads.participants()
    }

    /// [`train::gradient`](crate::train::gradient) on several threads: sets `grad` to the mean
    /// gradient of `loss` over `batch` and returns the mean loss.
    ///
    /// # Errors
    ///
    /// As [`train::gradient`](crate::train::gradient).
    pub fn gradient<L, D>(
        &mut self,
        net: &N,
        batch: &[(N::Input, D)],
        loss: L,
        grad: &mut N,
    ) -> Result<N::Scalar, TrainError>
    where
        N: Trainable + Send + Sync,
        N::Input: Sync,
        D: Sync,
        L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy + Sync,
    {
        if let Some(workspace) = self.workspace.as_deref_mut() {
            let crew = &Crew(&self.threads);
            return mean_gradient(net, batch, loss, grad, |grad, scale| {
                net.scaled_gradient_in(batch, loss, grad, scale, workspace, crew)
            });
        }
        check_inputs::<N, D>(batch)?;
        let size = batch.len().div_ceil(self.threads());
        // The first share goes straight into `grad` (the caller usually takes it): one buffer
        // fewer to sum, and fewer bytes through this core's cache.
        let own = Mutex::new(Share {
            grad: &mut *grad,
            total: N::Scalar::ZERO,
        });
        let shares = &self.shares;
        self.threads.run(&|index| {
            let samples = batch.chunks(size).nth(index).unwrap_or(&[]);
            let backward = |grad: &mut N| {
                grad.fill(N::Scalar::ZERO);
                net.backward_samples(samples, loss, grad)
            };
            if let Some(share) = index.checked_sub(1) {
                let Share { grad, total } = &mut *lock(&shares[share]);
                *total = backward(grad);
            } else {
                let Share { grad, total } = &mut *lock(&own);
                *total = backward(grad);
            }
        });
        let mut total = own
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .total;
        for share in &mut self.shares {
            total += lock_mut(share).total;
        }
        if !total.is_finite() {
            return Err(non_finite_loss(net, batch, loss, total));
        }
        let count = N::Scalar::from_f64(batch.len() as f64);
        self.add_shares_into(grad, N::Scalar::ONE / count);
        Ok(total / count)
    }

    /// `grad = scale · (grad + Σ shares' gradients)`, added in the shares' order, with the
    /// network's own (for large layers, dispatched) operations.
    fn add_shares_into(&mut self, grad: &mut N, scale: N::Scalar) {
        for share in &mut self.shares {
            grad.add_scaled(&lock_mut(share).grad, N::Scalar::ONE);
        }
        grad.scale(scale);
    }

    /// [`train::step`](crate::train::step) on several threads: one update from the mean gradient
    /// of `batch`, computed by [`gradient`](Self::gradient); returns the mean loss before the
    /// update.
    ///
    /// # Errors
    ///
    /// As [`train::gradient`](crate::train::gradient); on error the network is unchanged.
    pub fn step<O, L, D>(
        &mut self,
        net: &mut N,
        optimizer: &mut O,
        batch: &[(N::Input, D)],
        loss: L,
        grad: &mut N,
    ) -> Result<N::Scalar, TrainError>
    where
        N: Trainable + Send + Sync,
        N::Input: Sync,
        D: Sync,
        O: Optimizer<N>,
        L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy + Sync,
    {
        let mean_loss = self.gradient(net, batch, loss, grad)?;
        optimizer.step_shared(net, grad, &Crew(&self.threads));
        net.track_statistics(grad);
        Ok(mean_loss)
    }
}

/// Whether `N` is trained in blocks of dense layers (it has a layer of 4,096 weights or more,
/// and a workspace; [`Trainable::SHARES_PRODUCTS`]): then each large product is shared between
/// the threads; otherwise each thread takes a share of the samples.
fn shares_products<N: Trainable>() -> bool {
    N::SHARES_PRODUCTS
}

/// The threads of a [`Parallel`], as a [`Team`]: each product split evenly between them, share
/// `k` always the `k`-th part.
struct Crew<'a>(&'a Threads);

impl Crew<'_> {
    /// `part` on the threads, in `parts` parts of `0..count` (the threads past them idle).
    fn run(&self, count: usize, align: usize, parts: usize, part: &(dyn Fn(Range<usize>) + Sync)) {
        if parts <= 1 || count <= align {
            part(0..count);
            return;
        }
        self.0.run(&|index| {
            let range = team::part(count, align, parts, index);
            if !range.is_empty() {
                part(range);
            }
        });
    }
}

impl team::Sealed for Crew<'_> {}

impl Team for Crew<'_> {
    fn share(&self, count: usize, align: usize, part: &(dyn Fn(Range<usize>) + Sync)) {
        self.run(count, align, self.0.participants(), part);
    }

    fn share_in_two(&self, count: usize, align: usize, part: &(dyn Fn(Range<usize>) + Sync)) {
        self.run(count, align, self.0.participants().min(2), part);
    }
}

impl<N: Trainable> core::fmt::Debug for Parallel<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Parallel")
            .field("threads", &self.threads())
            .finish_non_exhaustive()
    }
}

/// Locks a share, ignoring poisoning: a panic while training is resumed by `Threads::run`.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A share between calls, when no thread holds it.
fn lock_mut<T>(mutex: &mut Mutex<T>) -> &mut T {
    mutex.get_mut().unwrap_or_else(PoisonError::into_inner)
}
