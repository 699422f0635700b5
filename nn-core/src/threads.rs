//! A fixed set of threads that run one borrowed closure together, as often as asked, without
//! allocating or spawning per call.
//!
//! `std::thread::scope` would be the safe way to share a borrowed network and batch with other
//! threads, but it spawns threads and allocates on every call, and a mini-batch step of W3 takes
//! about 150 µs. So the threads are started once, and each call hands them a reference whose
//! lifetime is erased; [`Threads::run`] does not return (nor unwind) before every thread is done
//! with it, which is what makes that sound.

// The one place that erases a lifetime; see the SAFETY comments.
#![allow(unsafe_code)]

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::vec::Vec;

/// Spins this many times (about 0.3 ms here) on an atomic before sleeping on a condition
/// variable: the serial part of a step is shorter, and waking a sleeping thread costs more.
const SPINS: u32 = 20_000;

/// The work of one call, lifetime erased: a closure called with each participant's index.
type Work = dyn Fn(usize) + Sync + 'static;

/// A `&Work` whose lifetime has been erased, so that it can wait in [`State`] for the threads.
#[derive(Clone, Copy)]
struct Job(*const Work);

// SAFETY: a `Job` is only dereferenced while `Threads::run` borrows the closure, which is `Sync`,
// so calling it from other threads is allowed.
unsafe impl Send for Job {}

/// What the caller and the threads share.
struct Shared {
    state: Mutex<State>,
    /// Raised when a call starts (or the threads must exit).
    started: Condvar,
    /// Raised when the last thread of a call is done.
    finished: Condvar,
    /// `State::call`, readable without the lock while spinning.
    call: AtomicU64,
    /// Threads still working on the current call, readable without the lock while spinning.
    working: AtomicUsize,
}

struct State {
    call: u64,
    job: Option<Job>,
    panicked: bool,
    exit: bool,
}

/// Threads started once that run borrowed closures together with the calling thread.
pub(crate) struct Threads {
    shared: Arc<Shared>,
    handles: Vec<JoinHandle<()>>,
}

impl Threads {
    /// Starts `participants - 1` threads; the caller of [`run`](Self::run) is participant 0.
    pub(crate) fn new(participants: usize) -> std::io::Result<Self> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                call: 0,
                job: None,
                panicked: false,
                exit: false,
            }),
            started: Condvar::new(),
            finished: Condvar::new(),
            call: AtomicU64::new(0),
            working: AtomicUsize::new(0),
        });
        let mut threads = Self {
            shared,
            handles: Vec::new(),
        };
        for index in 1..participants.max(1) {
            let shared = Arc::clone(&threads.shared);
            let handle = thread::Builder::new()
                .name(std::format!("nn-train-{index}"))
                .spawn(move || work(&shared, index))?;
            threads.handles.push(handle);
        }
        // Wait until every thread runs: starting one allocates (its name, its handle), and that
        // belongs to setting up, not to the first call.
        threads.run(&|_| {});
        Ok(threads)
    }

    /// How many take part in a call: the threads and the caller.
    pub(crate) fn participants(&self) -> usize {
        self.handles.len() + 1
    }

    /// Calls `f(index)` once for each participant index, `0` on the calling thread, the others
    /// on the threads, and returns when all are done. A panic in any of them is resumed here
    /// after all are done.
    pub(crate) fn run(&self, f: &(dyn Fn(usize) + Sync)) {
        // SAFETY: the erased reference is stored in `State::job` and called by the threads only
        // between here and the wait below, which returns only when every thread has finished
        // with it (`working == 0`), even when `f` panics on any thread: the threads catch their
        // panics, and `Wait`'s destructor waits if the call on this thread unwinds. So `f`
        // outlives every use.
        let job = Job(unsafe { core::mem::transmute::<&(dyn Fn(usize) + Sync), &'static Work>(f) });
        {
            let mut state = lock(&self.shared.state);
            state.job = Some(job);
            state.call += 1;
            self.shared
                .working
                .store(self.handles.len(), Ordering::SeqCst);
            self.shared.call.store(state.call, Ordering::SeqCst);
            self.shared.started.notify_all();
        }
        let wait = Wait(&self.shared);
        f(0);
        drop(wait);
        let panicked = core::mem::take(&mut lock(&self.shared.state).panicked);
        assert!(!panicked, "a training thread panicked");
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

/// Waits until every thread has finished the current call, then forgets its job; also when
/// dropped during unwinding.
struct Wait<'a>(&'a Shared);

impl Drop for Wait<'_> {
    fn drop(&mut self) {
        let shared = self.0;
        let mut spins = 0;
        while shared.working.load(Ordering::SeqCst) != 0 && spins < SPINS {
            core::hint::spin_loop();
            spins += 1;
        }
        let mut state = lock(&shared.state);
        while shared.working.load(Ordering::SeqCst) != 0 {
            state = shared
                .finished
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.job = None;
    }
}

/// A thread's loop: wait for a call, run its share, report, until told to exit.
fn work(shared: &Shared, index: usize) {
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
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            if let Some(Job(f)) = job {
                // SAFETY: `run` keeps the closure borrowed until this thread has decremented
                // `working` below.
                unsafe { (*f)(index) }
            }
        }));
        if outcome.is_err() {
            lock(&shared.state).panicked = true;
        }
        if shared.working.fetch_sub(1, Ordering::SeqCst) == 1 {
            // Take the lock so that the caller cannot miss the notification between its check
            // and its wait.
            let _state = lock(&shared.state);
            shared.finished.notify_all();
        }
    }
}

/// Locks, ignoring poisoning: nothing here panics while holding the lock.
fn lock(mutex: &Mutex<State>) -> MutexGuard<'_, State> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::Threads;
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
