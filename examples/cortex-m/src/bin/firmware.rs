//! The whole demonstration: the digits network, its weights trained on the host and baked into
//! flash, classifies ten held-out images, in f32 and in int8; the convolutional one too, and takes a gradient on the
//! device in its training arena; the seed's regression network trains on the device, and
//! a network with a layer of 4,096 weights trains there in blocks of 32 samples in a `static`
//! workspace; stack depth and instructions are measured. QEMU exits with status 0 only if
//! everything held.
#![no_std]
#![no_main]

use core::cell::RefCell;
use core::hint::black_box;

use cortex_m::interrupt::{self, Mutex};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use nn::init::{self, Init};
use nn::loss::CrossEntropy;
use nn::prelude::*;
use nn::{Scalar, metrics, train};
use nn_firmware::{
    Blocked, BlockedWorkspace, DIGITS, DIGITS_CNN, DIGITS_CNN_INT8, DIGITS_INT8, DigitsCnn,
    Regression, classify, classify_cnn, classify_cnn_int8, classify_int8, exit, images, measure,
    plain,
};
use panic_semihosting as _;

#[entry]
fn main() -> ! {
    let Some(peripherals) = cortex_m::Peripherals::take() else {
        hprintln!("the core peripherals were already taken");
        exit(false);
    };
    let mut counter = measure::Counter::new(peripherals.SYST);

    hprintln!(
        "digits: {} parameters in flash",
        nn_firmware::Digits::PARAMETERS
    );
    let right = classify();
    hprintln!("{} of 10 images right", right);

    // The hand-written implementation must agree with nn on every image.
    let agree = images().all(|(pixels, _)| {
        metrics::argmax(&DIGITS.forward(&pixels))
            == metrics::argmax(&plain::forward(&DIGITS, &pixels))
    });
    let (image, _) = images().next().unwrap_or(([0.0; 64], 0));
    let (_, stack) = measure::stack_used(|| black_box(DIGITS.forward(black_box(&image))));
    let nn = counter.instructions(100, || DIGITS.forward(black_box(&image)));
    let hand_written = counter.instructions(100, || plain::forward(&DIGITS, black_box(&image)));
    hprintln!(
        "calibration: {:.2} instructions per SysTick tick",
        counter.instructions_per_tick()
    );
    hprintln!("inference stack: {} bytes", stack);
    hprintln!(
        "inference instructions: nn {:.0}, hand-written {:.0}, ratio {:.3}",
        nn,
        hand_written,
        nn / hand_written
    );

    let int8_agrees = int8(&mut counter, &image, nn);
    let cnn_agrees = convolutional(&mut counter);
    let cnn_gradients = cnn_gradient(&mut counter);
    let trained = train_regression(&mut counter);
    let blocks = train_in_blocks();
    let ok = agree && int8_agrees && cnn_agrees && cnn_gradients && trained && blocks;
    hprintln!("{}", if ok { "PASS" } else { "FAIL" });
    exit(ok);
}

/// The digits network in int8 on the ten images: its predictions, and the instructions of its
/// inference beside those of the f32 network's (`f32_instructions`). Returns whether it got as
/// many right as the f32 network, within one.
fn int8(counter: &mut measure::Counter, image: &[f32; 64], f32_instructions: f32) -> bool {
    hprintln!(
        "digits in int8: {} bytes in flash",
        nn_firmware::DigitsQuantized::ENCODED_LEN
    );
    let right = classify_int8();
    hprintln!("{} of 10 images right", right);
    let x = DIGITS_INT8.quantize_input(image);
    let (_, stack) = measure::stack_used(|| black_box(DIGITS_INT8.forward(black_box(&x))));
    let instructions = counter.instructions(100, || DIGITS_INT8.forward(black_box(&x)));
    hprintln!(
        "int8 inference: stack {} bytes, {:.0} instructions, f32 / int8 {:.2}",
        stack,
        instructions,
        f32_instructions / instructions
    );
    right + 1 >= classify_quietly()
}

/// How many of the ten images the f32 network gets right.
fn classify_quietly() -> usize {
    images()
        .filter(|(pixels, digit)| metrics::argmax(&DIGITS.forward(pixels)) == *digit)
        .count()
}

/// The convolutional network on the ten images, against the hand-written loops: its predictions,
/// stack and instructions. Returns whether both classify every image alike.
fn convolutional(counter: &mut measure::Counter) -> bool {
    hprintln!(
        "digits CNN: {} parameters in flash",
        nn_firmware::DigitsCnn::PARAMETERS
    );
    let right = classify_cnn();
    hprintln!("{} of 10 images right", right);
    let agree = images().all(|(pixels, _)| {
        metrics::argmax(&DIGITS_CNN.forward(&pixels))
            == metrics::argmax(&plain::forward_cnn(&DIGITS_CNN, &pixels))
    });
    let (image, _) = images().next().unwrap_or(([0.0; 64], 0));
    let (_, stack) = measure::stack_used(|| black_box(DIGITS_CNN.forward(black_box(&image))));
    let nn = counter.instructions(10, || DIGITS_CNN.forward(black_box(&image)));
    let hand_written =
        counter.instructions(10, || plain::forward_cnn(&DIGITS_CNN, black_box(&image)));
    hprintln!("CNN inference stack: {} bytes", stack);
    hprintln!(
        "CNN inference instructions: nn {:.0}, hand-written {:.0}, ratio {:.3}",
        nn,
        hand_written,
        nn / hand_written
    );
    // In an arena on the stack: the two largest neighbouring outputs at a time, known at
    // compile time, not every stage's values.
    let (y, arena_stack) = measure::stack_used(|| in_arena(black_box(&image)));
    let in_arena_instructions = counter.instructions(10, || in_arena(black_box(&image)));
    let same = y == DIGITS_CNN.forward(&image);
    hprintln!(
        "CNN inference in its arena: {} bytes (INFERENCE_BYTES), stack {} bytes, {:.0} instructions, \
         output as forward's: {}",
        nn_firmware::DigitsCnn::INFERENCE_BYTES,
        arena_stack,
        in_arena_instructions,
        same
    );
    agree && same && convolutional_int8(counter, &image, nn, right)
}

/// The convolutional network in int8 on the ten images: its predictions, and the stack and
/// instructions of its inference beside the f32 network's (`f32_instructions`). Returns whether
/// it got as many right as the f32 network (`f32_right`), within one.
fn convolutional_int8(
    counter: &mut measure::Counter,
    image: &[f32; 64],
    f32_instructions: f32,
    f32_right: usize,
) -> bool {
    hprintln!(
        "digits CNN in int8: {} bytes in flash",
        nn_firmware::DigitsCnnQuantized::ENCODED_LEN
    );
    let right = classify_cnn_int8();
    hprintln!("{} of 10 images right", right);
    let x = DIGITS_CNN_INT8.quantize_input(image);
    let (_, stack) = measure::stack_used(|| black_box(DIGITS_CNN_INT8.forward(black_box(&x))));
    let instructions = counter.instructions(10, || DIGITS_CNN_INT8.forward(black_box(&x)));
    hprintln!(
        "CNN int8 inference: stack {} bytes, {:.0} instructions, f32 / int8 {:.2}",
        stack,
        instructions,
        f32_instructions / instructions
    );
    right + 1 >= f32_right
}

/// The digits CNN's inference in its arena, on the stack in a frame of its own.
#[inline(never)]
fn in_arena(image: &[f32; 64]) -> [f32; 10] {
    let mut arena = nn_firmware::DigitsCnnArena::new();
    DIGITS_CNN.forward_in(image, &mut arena)
}

/// Two gradients of the digits CNN, as large as the network: in RAM from the start (`.bss`).
static CNN_GRADIENTS: Mutex<RefCell<[DigitsCnn; 2]>> =
    Mutex::new(RefCell::new([DigitsCnn::zeros(), DigitsCnn::zeros()]));

/// How far below its caller a CNN training step's stack is measured.
const TRAINING_PAINT: usize = 64 * 1024;

/// The digits CNN's gradient on one image, by `backward` (its values where the compiler puts
/// them) and in its training arena on the stack (`backward_in`, whose size is known at compile
/// time): stack and instructions of each. Returns whether both give the same loss and gradient,
/// bit for bit.
fn cnn_gradient(counter: &mut measure::Counter) -> bool {
    let (image, label) = images().next().unwrap_or(([0.0; 64], 0));
    interrupt::free(|cs| {
        let mut gradients = CNN_GRADIENTS.borrow(cs).borrow_mut();
        let [grad, grad_in] = &mut *gradients;
        let mut backward = || {
            grad.fill(0.0);
            DIGITS_CNN.backward(black_box(&image), &label, CrossEntropy, grad)
        };
        let (loss, stack) = measure::stack_used_within(TRAINING_PAINT, &mut backward);
        let instructions = counter.instructions(1, &mut backward);
        let mut in_arena = || {
            grad_in.fill(0.0);
            backward_in_arena(black_box(&image), label, grad_in)
        };
        let (loss_in, arena_stack) = measure::stack_used_within(TRAINING_PAINT, &mut in_arena);
        let arena_instructions = counter.instructions(1, &mut in_arena);
        let same = loss_in == loss && grad_in == grad;
        hprintln!(
            "CNN gradient of one sample: backward stack {} bytes, {:.0} instructions; in its \
             training arena: {} bytes (TRAINING_BYTES), stack {} bytes, {:.0} instructions, \
             loss and gradient as backward's: {}",
            stack,
            instructions,
            DigitsCnn::TRAINING_BYTES,
            arena_stack,
            arena_instructions,
            same
        );
        same
    })
}

/// The digits CNN's gradient on one image in its training arena, on the stack in a frame of its
/// own.
#[inline(never)]
fn backward_in_arena(image: &[f32; 64], label: usize, grad: &mut DigitsCnn) -> f32 {
    let mut arena = nn_firmware::DigitsCnnTrainingArena::new();
    DIGITS_CNN.backward_in(image, &label, CrossEntropy, grad, &mut arena)
}

/// The seed's experiment on the device: `f(x) = 3 x0 + 2 x1`, one random sample per step, learning
/// rate 0.07. Returns whether the loss fell at least tenfold.
fn train_regression(counter: &mut measure::Counter) -> bool {
    const STEPS: usize = 1000;
    let mut rng = init::rng(2026);
    let mut net = Regression::initialized(Init::StandardNormal, &mut rng);
    let mut grad = Regression::zeros();
    let sgd = Sgd::new(0.07);
    let mut sample = || {
        let x = [
            f32::from_f64(init::uniform(&mut rng)),
            f32::from_f64(init::uniform(&mut rng)),
        ];
        (x, [3.0 * x[0] + 2.0 * x[1]])
    };
    let (mut window, mut first, mut last) = (0.0, 0.0, 0.0);
    for step in 1..=STEPS {
        let (x, d) = sample();
        grad.fill(0.0);
        window += net.backward(&x, &d, Mse, &mut grad);
        sgd.step(&mut net, &grad);
        if step % 100 == 0 {
            let mean = window / 100.0;
            hprintln!(
                "training step {}: mean loss of the last 100 steps {:.3e}",
                step,
                mean
            );
            if step == 100 {
                first = mean;
            }
            last = mean;
            window = 0.0;
        }
    }
    let (x, d) = sample();
    let mut training_step = || {
        grad.fill(0.0);
        let loss = net.backward(black_box(&x), &d, Mse, &mut grad);
        sgd.step(&mut net, &grad);
        loss
    };
    let (_, stack) = measure::stack_used(&mut training_step);
    let instructions = counter.instructions(100, &mut training_step);
    hprintln!(
        "training step stack: {} bytes, instructions: {:.0}",
        stack,
        instructions
    );
    hprintln!("loss fell {:.0}x", first / last);
    first / last >= 10.0
}

/// The buffers of `Blocked`'s blocks of 32 samples, in RAM from the start (`.bss`): no heap, and
/// not on the stack.
static WORKSPACE: Mutex<RefCell<BlockedWorkspace>> =
    Mutex::new(RefCell::new(BlockedWorkspace::new()));

/// `Blocked` trained on the ten images four times over (40 samples: a block of 32 and 8 one by
/// one) in the static workspace, beside a twin trained by `train::step`, whose blocks are on the
/// stack. Returns whether every step updated both alike, bit for bit, and the loss fell.
fn train_in_blocks() -> bool {
    let mut batch = [([0.0_f32; 64], 0_usize); 40];
    let images = core::iter::repeat_with(images).take(4).flatten();
    for (sample, image) in batch.iter_mut().zip(images) {
        *sample = image;
    }
    let mut rng = init::rng(64);
    let mut net = Blocked::initialized(Init::He, &mut rng);
    let mut twin = net.clone();
    let mut grad = Blocked::zeros();
    let mut sgd = Sgd::new(0.05);
    interrupt::free(|cs| {
        let mut workspace = WORKSPACE.borrow(cs).borrow_mut();
        let (mut first, mut last, mut alike) = (0.0, 0.0, true);
        for step in 0..40 {
            let in_workspace = train::step_in(
                &mut net,
                &mut sgd,
                &batch,
                CrossEntropy,
                &mut grad,
                &mut workspace,
            );
            let on_stack = train::step(&mut twin, &mut sgd, &batch, CrossEntropy, &mut grad);
            let (Ok(loss), Ok(twin_loss)) = (in_workspace, on_stack) else {
                return false;
            };
            alike &= loss.to_bits() == twin_loss.to_bits() && net == twin;
            if step == 0 {
                first = loss;
            }
            last = loss;
        }
        hprintln!(
            "blocks of 32 in a static workspace of {} bytes: loss {:.3} -> {:.3}, {}",
            BlockedWorkspace::BYTES,
            first,
            last,
            if alike {
                "as on the stack"
            } else {
                "UNLIKE the stack"
            }
        );
        alike && last < first / 2.0
    })
}
