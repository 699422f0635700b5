//! A fixed set of threads that run one borrowed closure together, as often as asked, without
//! allocating or spawning per call.
//!
//! `std::thread::scope` would be the safe way to share a borrowed network and batch with other
//! threads, but it spawns threads and allocates on every call, and a mini-batch step of W3 takes
//! about 150 µs. So the threads are started once, and each call hands them a reference whose
//! lifetime is erased; [`Threads::run`] does not return before every use of it is over, which is
//! what makes that sound.
//!
//! A call has one share of work per participant (`f(0)`, `f(1)`, …), and whoever is free claims
//! the next share: the caller starts at once and, if a thread is slow to wake (on a machine busy
//! with other work, it may not run for milliseconds), does that thread's share too rather than
//! wait for it. Which share a participant runs does not change what `f(index)` computes, so the
//! result is the same whoever runs it.

// The one place that erases a lifetime; see the SAFETY comments.
#![allow(unsafe_code)]

use std::boxed::Box;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::vec::Vec;

/// Spins this many times (about 30 µs here) on an atomic before sleeping on a condition variable:
/// the serial part of a step is often shorter, and waking a sleeping thread costs more. Kept
/// short, because a spinning thread takes a core from whatever else the machine runs.
const SPINS: u32 = 2_000;

/// [`Shared::claims`] holds the call's number above these bits and the next share below them.
const SHARE_BITS: u32 = 16;

/// The work of one call, lifetime erased: a closure called with each share's index.
type Work = dyn Fn(usize) + Sync + 'static;

/// A `&Work` whose lifetime has been erased, so that it can wait in [`State`] for the threads.
#[derive(Clone, Copy)]
struct Job(*const Work);

// SAFETY: a `Job` is only dereferenced while `Threads::run` borrows the closure, which is `Sync`,
// so calling it from other threads is allowed.
unsafe impl Send for Job {}

/// A panic caught in a share, resumed on the caller.
type Payload = Box<dyn core::any::Any + Send>;

/// What the caller and the threads share.
struct Shared {
    state: Mutex<State>,
    /// Raised when a call starts (or the threads must exit).
    started: Condvar,
    /// Raised when the last share of a call is done.
    finished: Condvar,
    /// `State::call`, readable without the lock while spinning.
    call: AtomicU64,
    /// The current call's number and its next unclaimed share (see [`SHARE_BITS`]): a share is
    /// claimed for one call only, so a thread that wakes late cannot take a share of a later call
    /// with an earlier call's job.
    claims: AtomicU64,
    /// Shares of the current call claimed or not, that are not done yet.
    pending: AtomicUsize,
    /// Threads that have started their loop.
    ready: AtomicUsize,
}

struct State {
    call: u64,
    job: Option<Job>,
    /// The first panic of the current call's shares on a thread.
    panic: Option<Payload>,
    exit: bool,
}

/// Threads started once that run borrowed closures together with the calling thread.
pub(crate) struct Threads {
    shared: Arc<Shared>,
    handles: Vec<JoinHandle<()>>,
    /// Held through a call: calls from several threads at once (a `Team` is `Sync`) take turns,
    /// as a call's counters are for one call at a time.
    calling: Mutex<()>,
}

impl Threads {
    /// Starts `participants - 1` threads; the caller of [`run`](Self::run) is participant 0.
    pub(crate) fn new(participants: usize) -> std::io::Result<Self> {
        let participants = participants.clamp(1, 1 << SHARE_BITS);
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                call: 0,
                job: None,
                panic: None,
                exit: false,
            }),
            started: Condvar::new(),
            finished: Condvar::new(),
            call: AtomicU64::new(0),
            claims: AtomicU64::new(0),
            pending: AtomicUsize::new(0),
            ready: AtomicUsize::new(0),
        });
        let mut threads = Self {
            shared,
            handles: Vec::new(),
            calling: Mutex::new(()),
        };
        for index in 1..participants {
            let shared = Arc::clone(&threads.shared);
            let handle = thread::Builder::new()
                .name(std::format!("nn-train-{index}"))
                .spawn(move || work(&shared, participants))?;
            threads.handles.push(handle);
        }
        // Wait until every thread runs: starting one allocates, and that belongs to setting up,
        // not to the first call.
        while threads.shared.ready.load(Ordering::SeqCst) < threads.handles.len() {
            thread::yield_now();
        }
        Ok(threads)
    }

    /// How many take part in a call: the threads and the caller.
    pub(crate) fn participants(&self) -> usize {
        self.handles.len() + 1
    }

    /// Calls `f(index)` once for each share `index` in `0..participants()`, on this thread or on
    /// the threads, whichever claims it first, and returns when all are done. A panic in any of
    /// them is resumed here after all are done.
    pub(crate) fn run(&self, f: &(dyn Fn(usize) + Sync)) {
        let _calling = self.calling.lock().unwrap_or_else(PoisonError::into_inner);
        let share_count = self.participants();
        let shared = &*self.shared;
        // SAFETY: the erased reference is stored in `State::job`; a thread calls it only for a
        // share it claimed for this call (`claim` checks the call's number), and this function
        // returns only when every share of the call is done (`pending == 0`, below), panicking
        // ones included: they are caught. So `f` outlives every use.
        let job = Job(unsafe { core::mem::transmute::<&(dyn Fn(usize) + Sync), &'static Work>(f) });
        let call = {
            let mut state = lock(&shared.state);
            state.call += 1;
            state.job = Some(job);
            shared.pending.store(share_count, Ordering::SeqCst);
            shared
                .claims
                .store(state.call << SHARE_BITS, Ordering::SeqCst);
            shared.call.store(state.call, Ordering::SeqCst);
            shared.started.notify_all();
            state.call
        };
        let mut panic = None;
        while let Some(index) = claim(shared, call, share_count) {
            if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| f(index))) {
                panic.get_or_insert(payload);
            }
            shared.pending.fetch_sub(1, Ordering::SeqCst);
        }
        let mut spins = 0;
        while shared.pending.load(Ordering::SeqCst) != 0 && spins < SPINS {
            core::hint::spin_loop();
            spins += 1;
        }
        let mut state = lock(&shared.state);
        while shared.pending.load(Ordering::SeqCst) != 0 {
            state = shared
                .finished
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.job = None;
        let panic = panic.or_else(|| state.panic.take());
        drop(state);
        if let Some(payload) = panic {
            panic::resume_unwind(payload);
        }
    }
}

impl Drop for Threads {
    fn drop(&mut self) {
        lock(&self.shared.state).exit = true;
        self.shared.started.notify_all();
        for handle in self.handles.drain(..) {
            // A thread's panic was reported by the call it happened in.
            let _ = handle.join();
        }
    }
}

/// The next unclaimed share of call `call`, if any is left and that call is still the current one.
fn claim(shared: &Shared, call: u64, share_count: usize) -> Option<usize> {
    let mut claims = shared.claims.load(Ordering::SeqCst);
    loop {
        let next = usize::try_from(claims & ((1 << SHARE_BITS) - 1)).ok()?;
        if claims >> SHARE_BITS != call || next >= share_count {
            return None;
        }
        match shared
            .claims
            .compare_exchange(claims, claims + 1, Ordering::SeqCst, Ordering::SeqCst)
        {
            Ok(_) => return Some(next),
            Err(current) => claims = current,
        }
    }
}

/// A thread's loop: wait for a call, run the shares it can claim, until told to exit.
fn work(shared: &Shared, share_count: usize) {
    shared.ready.fetch_add(1, Ordering::SeqCst);
    let mut seen = 0;
    loop {
        let mut spins = 0;
        while shared.call.load(Ordering::SeqCst) == seen && spins < SPINS {
            core::hint::spin_loop();
            spins += 1;
        }
        let job = {
            let mut state = lock(&shared.state);
            while state.call == seen && !state.exit {
                state = shared
                    .started
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if state.exit {
                return;
            }
            seen = state.call;
            state.job
        };
        while let Some(index) = claim(shared, seen, share_count) {
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
                if let Some(Job(f)) = job {
                    // SAFETY: this share was claimed for call `seen`, whose `run` returns only
                    // once `pending` below has counted it done.
                    unsafe { (*f)(index) }
                }
            }));
            if let Err(payload) = outcome {
                lock(&shared.state).panic.get_or_insert(payload);
            }
            if shared.pending.fetch_sub(1, Ordering::SeqCst) == 1 {
                // Take the lock so that the caller cannot miss the notification between its
                // check and its wait.
                let _state = lock(&shared.state);
                shared.finished.notify_all();
            }
        }
    }
}

/// Locks, ignoring poisoning: nothing here panics while holding the lock.
fn lock(mutex: &Mutex<State>) -> MutexGuard<'_, State> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::{SHARE_BITS, Threads, claim};
    use std::boxed::Box;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::vec::Vec;

    /// What a caught panic carries.
    type Payload = Box<dyn core::any::Any + Send>;

    #[test]
    fn every_participant_runs_once_per_call() {
        let threads = Threads::new(3).unwrap();
        assert_eq!(threads.participants(), 3);
        let counts: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        for _ in 0..1000 {
            threads.run(&|index| {
                counts[index].fetch_add(1, Ordering::SeqCst);
            });
        }
        assert!(
            counts
                .iter()
                .all(|count| count.load(Ordering::SeqCst) == 1000)
        );
    }

    #[test]
    fn a_share_is_claimed_once_and_only_for_its_own_call() {
        let threads = Threads::new(1).unwrap();
        let shared = &*threads.shared;
        shared.claims.store(5 << SHARE_BITS, Ordering::SeqCst);
        assert_eq!(claim(shared, 5, 2), Some(0));
        // A thread that woke for call 4 and is late: nothing to take.
        assert_eq!(claim(shared, 4, 2), None);
        assert_eq!(claim(shared, 5, 2), Some(1));
        assert_eq!(claim(shared, 5, 2), None);
    }

    #[test]
    fn calls_from_several_threads_take_turns() {
        let threads = Threads::new(2).unwrap();
        let counts = [AtomicUsize::new(0), AtomicUsize::new(0)];
        std::thread::scope(|scope| {
            for caller in 0..2 {
                let (threads, counts) = (&threads, &counts);
                scope.spawn(move || {
                    for _ in 0..500 {
                        threads.run(&|_| {
                            counts[caller].fetch_add(1, Ordering::SeqCst);
                        });
                    }
                });
            }
        });
        assert_eq!(counts.map(AtomicUsize::into_inner), [1000, 1000]);
    }

    #[test]
    fn one_participant_is_the_caller_alone() {
        let threads = Threads::new(1).unwrap();
        let calls = AtomicUsize::new(0);
        threads.run(&|index| {
            assert_eq!(index, 0);
            calls.fetch_add(1, Ordering::SeqCst);
        });
        assert_eq!(calls.into_inner(), 1);
    }

    #[test]
    fn a_panic_on_a_thread_reaches_the_caller_and_the_threads_go_on() {
        let threads = Threads::new(2).unwrap();
        let result: Result<(), Payload> =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                threads.run(&|index| assert_ne!(index, 1, "thread 1 fails"));
            }));
        assert!(result.is_err());
        let calls = AtomicUsize::new(0);
        threads.run(&|_| {
            calls.fetch_add(1, Ordering::SeqCst);
        });
        assert_eq!(calls.into_inner(), 2);
    }

    #[test]
    fn a_panic_on_the_caller_waits_for_the_threads_first() {
        let threads = Threads::new(2).unwrap();
        let finished = AtomicUsize::new(0);
        let result: Result<(), Payload> =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                threads.run(&|index| {
                    assert_ne!(index, 0, "the caller fails");
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    finished.fetch_add(1, Ordering::SeqCst);
                });
            }));
        assert!(result.is_err());
        // The closure borrowed `finished`: the thread was done with it before `run` unwound.
        assert_eq!(finished.load(Ordering::SeqCst), 1);
    }
}
