//! Mini-batch training on several threads (with the `std` feature).
//!
//! [`Parallel`] splits each batch into one share per thread; each share runs through `backward`
//! into a gradient buffer of its own, and the buffers are then summed in a fixed order. The
//! threads and buffers are set up once, in [`Parallel::new`]; a step allocates nothing. Whichever
//! thread is free takes the next share, the calling one included: on a machine busy with other
//! work, a thread that is not scheduled in time does not hold the step up, the caller does its
//! share instead.
//!
//! The result is the same whatever the timing of the threads, but with two threads or more it is
//! not bit for bit [`train::gradient`](crate::train::gradient)'s: the samples' gradients are
//! added up in another order.
//!
//! # When threads pay
//!
//! Every step moves the weights and the gradients between cores, so threads pay off for large
//! batches, or for small networks whose step is mostly computation. Measured on a 2-core Xeon
//! (`bash scripts/threads-under-load.sh`, step time on one thread over two):
//!
//! | network, batch | idle machine | beside one busy process | beside two |
//! | --- | --- | --- | --- |
//! | `64 => relu 32 => softmax 10`, 32 | 1.36–1.38x | 0.85–1.03x | 1.19–1.39x |
//! | `784 => relu 128 => softmax 10`, 32 | 0.86–0.90x | 0.82–0.91x | 1.16–1.59x |
//! | `784 => relu 128 => softmax 10`, 512 | 1.41–1.64x | 0.90–1.07x | 1.40–1.56x |
//!
//! So: two threads for batches in the hundreds on a machine of your own; one thread for batches
//! of 32 of a network that size, or when other work shares the cores.

use std::boxed::Box;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::vec::Vec;

use crate::loss::{Loss, PairsWith};
use crate::optim::Optimizer;
use crate::threads::Threads;
use crate::train::{TrainError, check_inputs, non_finite_loss};
use crate::{Network, Scalar, Trainable};

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
pub struct Parallel<N: Network> {
    threads: Threads,
    /// One for each share of a batch but the first, which goes into the caller's `grad`.
    shares: Vec<Mutex<Share<Box<N>, N::Scalar>>>,
}

/// A gradient buffer and the summed loss of one share of the batch.
struct Share<G, T> {
    grad: G,
    total: T,
}

impl<N: Network> Parallel<N> {
    /// Starts `threads - 1` threads (the calling thread is the first of the `threads`), each
    /// with a gradient buffer the size of the network, built in place on the heap. `0` is taken
    /// as `1`.
    ///
    /// # Errors
    ///
    /// The operating system's error if a thread cannot be started.
    pub fn new(threads: usize) -> std::io::Result<Self> {
        let threads = Threads::new(threads.max(1))?;
        let shares = (1..threads.participants())
            .map(|_| {
                Mutex::new(Share {
                    grad: N::zeros_boxed(),
                    total: N::Scalar::ZERO,
                })
            })
            .collect();
        Ok(Self { threads, shares })
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
        optimizer.step(net, grad);
        Ok(mean_loss)
    }
}

impl<N: Network> core::fmt::Debug for Parallel<N> {
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
