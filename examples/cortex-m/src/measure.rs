//! Measurements on the device: stack depth by painting the stack, instructions by SysTick under
//! QEMU's `-icount shift=0`.
//!
//! `unsafe` is used here for what safe Rust cannot express, each use with its reason: writing and
//! reading the free stack below the stack pointer, and a countdown loop of known length.

use core::arch::asm;

use cortex_m::peripheral::SYST;
use cortex_m::peripheral::syst::SystClkSource;
use cortex_m::register::msp;

/// What free stack is filled with before a measurement.
const PATTERN: u32 = 0xC0DE_CAFE;
/// How far below the caller's stack pointer the paint reaches.
pub const PAINTED: usize = 16 * 1024;

/// Runs `f` and returns its result with the bytes of stack it used below this function's frame:
/// the free stack is painted with a pattern first, and the deepest word `f` changed is found after.
/// A result of [`PAINTED`] means at least that much.
pub fn stack_used<R>(f: impl FnOnce() -> R) -> (R, usize) {
    stack_used_within(PAINTED, f)
}

/// [`stack_used`], the paint reaching `depth` bytes below the caller's frame (a multiple of 4):
/// a result of `depth` means at least that much.
#[inline(never)]
pub fn stack_used_within<R>(depth: usize, f: impl FnOnce() -> R) -> (R, usize) {
    let (result, top, lowest) = painted(depth, f);
    (result, top - lowest)
}

unsafe extern "C" {
    /// The initial stack pointer, the top of RAM: from `cortex-m-rt`'s linker script.
    static _stack_start: u32;
}

/// Runs `f` and returns its result with the bytes of stack in use at the deepest point while it
/// ran, counted from the stack's start: the whole program's stack if `f` is all `main` does.
#[inline(never)]
pub fn stack_peak<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let (result, _, lowest) = painted(PAINTED, f);
    // Only the symbol's address is taken, never its memory (past the end of RAM).
    let start = (&raw const _stack_start) as usize;
    (result, start - lowest)
}

/// Paints `depth` bytes of free stack below the caller's frame, runs `f`, and returns its result
/// with the stack pointer's address (the top of the paint) and the lowest word `f` changed.
/// Inlined, so that the top is in the caller's frame.
#[inline(always)]
fn painted<R>(depth: usize, f: impl FnOnce() -> R) -> (R, usize, usize) {
    let top = msp::read() as usize & !3;
    let bottom = top - depth;
    let mut address = bottom;
    while address < top {
        // SAFETY: [bottom, top) is free stack below the caller's frame (`top` is the stack
        // pointer after its prologue), far above the program's data at the bottom of the 4 MiB of
        // RAM (callers paint at most 1 MiB); the loop calls nothing, so no frame is built there
        // while it writes.
        unsafe { core::ptr::write_volatile(address as *mut u32, PATTERN) };
        address += 4;
    }
    let result = f();
    let mut lowest = top;
    let mut address = bottom;
    while address < top {
        // SAFETY: the same words, read back; they are plain RAM.
        if unsafe { core::ptr::read_volatile(address as *const u32) } != PATTERN {
            lowest = address;
            break;
        }
        address += 4;
    }
    (result, top, lowest)
}

/// Counts instructions with SysTick. Under QEMU's `-icount shift=0` each instruction advances
/// virtual time by 1 ns, and SysTick counts that time at the board's clock, so ticks are
/// proportional to instructions; the ratio is measured on a loop of known length.
pub struct Counter {
    syst: SYST,
    instructions_per_tick: f32,
}

/// A full SysTick period: 2^24 ticks.
const RELOAD: u32 = 0x00FF_FFFF;

impl Counter {
    /// Starts SysTick on the core clock and calibrates it.
    pub fn new(mut syst: SYST) -> Self {
        syst.set_clock_source(SystClkSource::Core);
        syst.set_reload(RELOAD);
        syst.clear_current();
        syst.enable_counter();
        let mut counter = Self {
            syst,
            instructions_per_tick: 1.0,
        };
        const ITERATIONS: u32 = 100_000;
        let ticks = counter.ticks(|| countdown(ITERATIONS));
        counter.instructions_per_tick = (2 * ITERATIONS) as f32 / ticks.max(1) as f32;
        counter
    }

    /// How many instructions one tick stands for (40 on QEMU's 25 MHz MPS2 clock).
    pub fn instructions_per_tick(&self) -> f32 {
        self.instructions_per_tick
    }

    fn ticks(&mut self, f: impl FnOnce()) -> u32 {
        self.syst.clear_current();
        let start = SYST::get_current();
        f();
        let end = SYST::get_current();
        start.wrapping_sub(end) & RELOAD
    }

    /// The mean number of instructions of one call of `f`, over `repetitions` calls, less the
    /// cost of calling an empty closure as often.
    pub fn instructions<R>(&mut self, repetitions: u32, mut f: impl FnMut() -> R) -> f32 {
        let work = self.ticks(|| {
            for _ in 0..repetitions {
                core::hint::black_box(f());
            }
        });
        let empty = self.ticks(|| {
            for _ in 0..repetitions {
                core::hint::black_box(());
            }
        });
        work.saturating_sub(empty) as f32 * self.instructions_per_tick / repetitions as f32
    }
}

/// Exactly two instructions per iteration: `subs` and `bne`.
#[inline(never)]
fn countdown(iterations: u32) {
    // SAFETY: the loop only decrements r0, which is declared clobbered, and touches no memory.
    unsafe {
        asm!(
            "2:",
            "subs r0, r0, #1",
            "bne 2b",
            inout("r0") iterations => _,
            options(nomem, nostack),
        );
    }
}
