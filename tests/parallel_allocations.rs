//! Training on several threads allocates nothing per step: a global allocator that counts every
//! thread's allocations sees none across steps of `Parallel`, once it is set up.
//!
//! This binary holds a single test, so that the test harness's own threads stay idle (waiting for
//! its result) while it counts.

// A global allocator cannot be written without `unsafe`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use nn::init;
use nn::loss::CrossEntropy;
use nn::optim::Sgd;
use nn::parallel::Parallel;

/// Counts the allocations of every thread.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is an atomic.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the caller's contract for `alloc` is passed on as it is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` above, with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the caller's contract for `realloc` is passed on as it is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

nn::network! {
    /// Large enough (128 x 64 weights) to train in blocks of samples.
    struct Blocked = 128 => relu 64 => softmax 10;
}

#[test]
fn parallel_steps_allocate_nothing() {
    let mut net = Blocked::initialized(init::Init::He, &mut init::rng(1));
    let mut grad = Blocked::zeros();
    let mut sgd = Sgd::new(0.05);
    let batch: Vec<([f32; 128], usize)> = (0..40)
        .map(|i| {
            (
                core::array::from_fn(|j| ((i * 128 + j) % 13) as f32 / 13.0),
                i % 10,
            )
        })
        .collect();
    let mut parallel = Parallel::new(2).unwrap();

    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let mut losses = [0.0_f32; 50];
    for loss in &mut losses {
        *loss = parallel
            .step(&mut net, &mut sgd, &batch, CrossEntropy, &mut grad)
            .unwrap();
    }
    let after = ALLOCATIONS.load(Ordering::SeqCst);

    assert_eq!(
        after - before,
        0,
        "heap allocations during parallel training"
    );
    // The steps did train.
    assert!(losses[49] < 0.8 * losses[0], "{losses:?}");
}
