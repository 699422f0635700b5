//! Training never touches the heap: a counting global allocator sees no allocation across 1,000
//! training steps (forward, backward, optimiser step) of a 64-32-16-10 classifier, nor in
//! mini-batch steps of a network large enough to train in blocks of samples (after the thread's
//! first such step, which makes the block buffers it keeps), nor in online learning, nor in
//! training steps of a convolutional network.

// A global allocator cannot be written without `unsafe`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use nn::loss::CrossEntropy;
use nn::optim::{Momentum, Sgd};
use nn::{init, train};

/// Counts the allocations made by the current thread, so the test harness's other threads do not
/// disturb the count.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// thread-local `Cell` that is only read and incremented.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's contract for `alloc` is passed on as it is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` above, with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's contract for `realloc` is passed on as it is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

nn::network! {
    struct Classifier = 64 => relu 32 => relu 16 => softmax 10;
    /// Large enough (128 x 64 weights) to train in blocks of samples.
    struct Blocked = 128 => relu 64 => softmax 10;
    /// Convolutions and pooling of both kinds.
    struct Cnn = [1, 8, 8] => relu conv2d(4, 3x3, same) => max_pool2d(2x2)
        => tanh conv2d(4, 2x2, stride 2) => global_avg_pool2d() => softmax 10;
    /// The `MLPerf` Tiny models' layers: batch normalisation, a residual block, a depthwise
    /// convolution.
    struct Normalized = [1, 8, 8] => conv2d(4, 3x3, same) => relu batch_norm()
        => relu residual { => depthwise_conv2d(3x3, same) => batch_norm() }
        => global_avg_pool2d() => softmax 10;
}

#[test]
fn batch_norm_and_residual_blocks_train_and_infer_without_allocating() {
    let mut rng = init::rng(2);
    let mut net = Normalized::initialized(init::Init::He, &mut rng);
    let mut grad = Normalized::zeros();
    let mut workspace: Box<NormalizedWorkspace> = nn::boxed::zeroed();
    let mut momentum = Momentum::new(0.01);
    let mut folded = NormalizedFolded::zeros();
    let mut arena = NormalizedArena::new();
    let mut training = NormalizedTrainingArena::new();
    let batch: Vec<([f32; 64], usize)> = (0..40)
        .map(|i| {
            (
                core::array::from_fn(|j| ((i * 64 + j) % 11) as f32 / 11.0),
                i % 10,
            )
        })
        .collect();

    let before = allocations();
    let mut losses = [0.0_f32; 50];
    for loss in &mut losses {
        *loss = train::step_in(
            &mut net,
            &mut momentum,
            &batch,
            CrossEntropy,
            &mut grad,
            &mut workspace,
        )
        .unwrap();
    }
    let y = net.forward_in(&batch[0].0, &mut arena);
    net.fold_into(&mut folded);
    let folded_y = folded.forward(&batch[0].0);
    // One sample in the training arena: its gradient, then a step.
    let (x, label) = &batch[1];
    let sample_loss = net.backward_in(x, label, CrossEntropy, &mut grad, &mut training);
    let step_loss = net.descend_in(x, label, CrossEntropy, 0.01, &mut training);
    assert_eq!(allocations() - before, 0, "heap allocations");
    assert!(sample_loss > 0.0 && sample_loss.to_bits() == step_loss.to_bits());
    // The steps did train (towards the classes' frequencies, on these inputs).
    assert!(
        losses[49] < losses[0] * 0.9,
        "{} -> {}",
        losses[0],
        losses[49]
    );
    assert_eq!(nn::metrics::argmax(&y), nn::metrics::argmax(&folded_y));
}

#[test]
fn a_thousand_training_steps_allocate_nothing() {
    let mut rng = init::rng(1);
    let mut net = Classifier::initialized(init::Init::He, &mut rng);
    let mut grad = Classifier::zeros();
    let sgd = Sgd::new(0.01);
    let inputs: [[f32; 64]; 8] =
        core::array::from_fn(|i| core::array::from_fn(|j| ((i * 64 + j) % 17) as f32 / 17.0));

    // Made before counting: the data may live on the heap, training must not touch it.
    let mut big = Blocked::initialized(init::Init::He, &mut rng);
    let mut big_grad = Blocked::zeros();
    let big_batch: Vec<([f32; 128], usize)> = (0..40)
        .map(|i| {
            (
                core::array::from_fn(|j| ((i * 128 + j) % 13) as f32 / 13.0),
                i % 10,
            )
        })
        .collect();

    let mut cnn = Cnn::initialized(init::Init::He, &mut rng);
    let mut cnn_grad = Cnn::zeros();
    let mut momentum_cnn = Momentum::new(0.01);

    // A thread's first step with whole blocks of 32 samples makes the buffers it keeps for them,
    // on the heap: one allocation, once.
    let first = allocations();
    train::step(
        &mut big,
        &mut Sgd::new(0.01),
        &big_batch,
        CrossEntropy,
        &mut big_grad,
    )
    .unwrap();
    assert_eq!(allocations() - first, 1, "the block buffers, once");

    // With a workspace made beforehand, not even a first step allocates.
    let mut workspace: Box<BlockedWorkspace> = nn::boxed::zeroed();
    let mut fresh = Blocked::initialized(init::Init::He, &mut rng);

    let before = allocations();
    train::step_in(
        &mut fresh,
        &mut Sgd::new(0.01),
        &big_batch,
        CrossEntropy,
        &mut big_grad,
        &mut workspace,
    )
    .unwrap();
    assert_eq!(allocations() - before, 0, "a first step in a workspace");
    let mut losses = [0.0_f32; 1000];
    for (step, loss) in losses.iter_mut().enumerate() {
        let (x, class) = (&inputs[step % 8], step % 8);
        grad.fill(0.0);
        *loss = net.backward(x, &class, CrossEntropy, &mut grad);
        sgd.step(&mut net, &grad);
    }
    let mut batch = [([0.0_f32; 64], 0_usize); 8];
    for (i, sample) in batch.iter_mut().enumerate() {
        *sample = (inputs[i], i);
    }
    let mut sgd = Sgd::new(0.01);
    for _ in 0..100 {
        train::epoch(
            &mut net,
            &mut sgd,
            &mut batch,
            4,
            CrossEntropy,
            &mut grad,
            &mut rng,
        )
        .unwrap();
    }
    for _ in 0..20 {
        train::step(&mut big, &mut sgd, &big_batch, CrossEntropy, &mut big_grad).unwrap();
    }
    // Online learning, one fused `descend` per sample, and the same through an optimiser with state.
    let stream = (0..200).map(|step| (inputs[step % 8], step % 8));
    train::online(&mut net, &mut sgd, stream, CrossEntropy, &mut grad).unwrap();
    let mut momentum = Momentum::new(0.01);
    let stream = (0..200).map(|step| (inputs[step % 8], step % 8));
    train::online(&mut net, &mut momentum, stream, CrossEntropy, &mut grad).unwrap();
    for _ in 0..100 {
        train::epoch(
            &mut cnn,
            &mut momentum_cnn,
            &mut batch,
            4,
            CrossEntropy,
            &mut cnn_grad,
            &mut rng,
        )
        .unwrap();
    }
    let cnn_stream = (0..200).map(|step| (inputs[step % 8], step % 8));
    train::online(
        &mut cnn,
        &mut Sgd::new(0.01),
        cnn_stream,
        CrossEntropy,
        &mut cnn_grad,
    )
    .unwrap();
    let after = allocations();

    assert_eq!(after - before, 0, "heap allocations during training");
    // The steps did train: the same samples are classified with a lower loss.
    let early: f32 = losses[..8].iter().sum();
    let late: f32 = losses[992..].iter().sum();
    assert!(late < early / 2.0, "{early} -> {late}");
}

#[test]
fn the_counter_counts() {
    let before = allocations();
    let boxed = std::hint::black_box(Box::new([0_u8; 64]));
    assert_eq!(allocations() - before, 1);
    drop(boxed);
}
