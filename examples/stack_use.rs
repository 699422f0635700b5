//! How much stack training takes, the stack way and the boxed way, for networks of growing width:
//! the measurement behind the README's section on large networks.
//!
//! ```sh
//! cargo run --example stack_use             # debug, as `cargo build` and `cargo test` build
//! cargo run --release --example stack_use
//! ```
//!
//! For each network it finds, by bisection, the smallest thread stack on which one epoch of Adam
//! on 16 samples runs to the end:
//!
//! - the stack way: `initialized`, `zeros()`, `Adam::new` and `train::epoch` on values that live in
//!   the thread's stack frame;
//! - the boxed way: `initialized_boxed`, `zeros_boxed`, `Adam::new_boxed`, the same epoch.
//!
//! A stack overflow aborts the process, so each attempt runs in a child process (this program,
//! started again with the attempt's arguments).

use std::process::{Command, ExitCode, Stdio};

use nn::activation::Softmax;
use nn::init::{self, Init};
use nn::loss::CrossEntropy;
use nn::optim::Adam;
use nn::{Network, Scalar, Trainable, train};

nn::network! {
    struct Width16 = 784 => relu 16 => relu 16 => softmax 10;
    struct Width32 = 784 => relu 32 => relu 32 => softmax 10;
    struct Width64 = 784 => relu 64 => relu 64 => softmax 10;
    struct Width128 = 784 => relu 128 => relu 128 => softmax 10;
    struct Width256 = 784 => relu 256 => relu 256 => softmax 10;
    struct Width512 = 784 => relu 512 => relu 512 => softmax 10;
}

/// The hidden widths measured, one network each.
const WIDTHS: [usize; 6] = [16, 32, 64, 128, 256, 512];

/// Calls `$run::<NETWORK>($($argument),*)` for the network of hidden width `$width`.
macro_rules! for_width {
    ($width:expr, $run:ident($($argument:expr),*)) => {
        match $width {
            16 => $run::<Width16>($($argument),*),
            32 => $run::<Width32>($($argument),*),
            64 => $run::<Width64>($($argument),*),
            128 => $run::<Width128>($($argument),*),
            256 => $run::<Width256>($($argument),*),
            512 => $run::<Width512>($($argument),*),
            other => panic!("no network of width {other}"),
        }
    };
}

fn samples() -> Vec<([f32; 784], usize)> {
    let mut rng = init::rng(1);
    (0..16)
        .map(|label| {
            let x = std::array::from_fn(|_| f32::from_f64(init::uniform(&mut rng)));
            (x, label % 10)
        })
        .collect()
}

/// One epoch of Adam with the network, its gradient and the optimiser on the stack.
fn on_the_stack<N>()
where
    N: Trainable<Scalar = f32, Input = [f32; 784], Output = [f32; 10], OutputActivation = Softmax>,
{
    let mut rng = init::rng(2);
    let mut samples = samples();
    let mut net = N::initialized(Init::He, &mut rng);
    let mut grad = N::zeros();
    let mut adam = Adam::new(0.001);
    train::epoch(
        &mut net,
        &mut adam,
        &mut samples,
        8,
        CrossEntropy,
        &mut grad,
        &mut rng,
    )
    .expect("the samples are finite");
    std::hint::black_box((&net, &grad, &adam));
}

/// The same epoch with everything network-sized on the heap.
fn boxed<N>()
where
    N: Trainable<Scalar = f32, Input = [f32; 784], Output = [f32; 10], OutputActivation = Softmax>,
{
    let mut rng = init::rng(2);
    let mut samples = samples();
    let mut net = N::initialized_boxed(Init::He, &mut rng);
    let mut grad = N::zeros_boxed();
    let mut adam = Adam::new_boxed(0.001);
    train::epoch(
        &mut *net,
        &mut *adam,
        &mut samples,
        8,
        CrossEntropy,
        &mut *grad,
        &mut rng,
    )
    .expect("the samples are finite");
    std::hint::black_box((&net, &grad, &adam));
}

fn parameters<N: Network>() -> usize {
    N::PARAMETERS
}

/// Runs one attempt in this process: `way` with the network of `width` on a thread of `stack`
/// bytes. A stack overflow aborts the process.
fn attempt(way: &str, width: usize, stack: usize) {
    let way = way.to_owned();
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || match way.as_str() {
            "stack" => for_width!(width, on_the_stack()),
            _ => for_width!(width, boxed()),
        })
        .expect("the thread starts")
        .join()
        .expect("the epoch runs");
}

/// Whether `way` runs for `width` on `stack` bytes, in a child process.
fn fits(way: &str, width: usize, stack: usize) -> bool {
    let program = std::env::current_exe().expect("this program's path");
    Command::new(program)
        .args([way, &width.to_string(), &stack.to_string()])
        .stderr(Stdio::null())
        .status()
        .expect("the child starts")
        .success()
}

/// The smallest stack on which `way` runs for `width`, to 1/64 of itself.
fn smallest_stack(way: &str, width: usize) -> usize {
    let (mut low, mut high) = (16 << 10, 16 << 10);
    while !fits(way, width, high) {
        low = high;
        high *= 2;
    }
    while high - low > high / 64 {
        let middle = low + (high - low) / 2;
        if fits(way, width, middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    high
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if let [way, width, stack] = &arguments[..] {
        let (Ok(width), Ok(stack)) = (width.parse(), stack.parse()) else {
            eprintln!("usage: stack_use [stack|boxed WIDTH STACK_BYTES]");
            return ExitCode::FAILURE;
        };
        attempt(way, width, stack);
        return ExitCode::SUCCESS;
    }
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "{build} build: the smallest thread stack for one epoch of Adam (16 samples, batch 8)"
    );
    println!();
    println!(
        "| network | parameters | network (KiB) | stack way (KiB) | stack / network | boxed way (KiB) |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for width in WIDTHS {
        let parameters = for_width!(width, parameters());
        let network = parameters * 4;
        let on_stack = smallest_stack("stack", width);
        let on_heap = smallest_stack("boxed", width);
        println!(
            "| `784 => relu {width} => relu {width} => softmax 10` | {parameters} | {} | {} | {:.2} | {} |",
            network >> 10,
            on_stack >> 10,
            on_stack as f64 / network as f64,
            on_heap >> 10,
        );
    }
    ExitCode::SUCCESS
}
