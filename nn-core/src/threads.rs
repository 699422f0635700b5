//! A fixed set of threads that run one borrowed closure together, as often as asked, without
//! allocating or spawning per call.
//!
//! `std::thread::scope` would be the safe way to share a borrowed network and batch with other
//! threads, but it spawns threads and allocates on every call, and a mini-batch step of W3 takes
//! about 150 µs. So the threads are started once, and each call hands them a reference whose
//! lifetime is erased; [`Threads::run`] does not return before every use of it is over, which is
//! what makes that sound.
//!
//! A call has one share of work per participant (`f(0)`, `f(1)`, …). Each participant claims its
//! own share first, so that the same share runs on the same core call after call (the products
//! give each share the same rows of a layer in every pass), and then any share still unclaimed:
//! the caller starts at once and, if a thread is slow to wake (on a machine busy with other work,
//! it may not run for milliseconds), does that thread's share too rather than wait for it. Which
//! participant runs a share does not change what `f(index)` computes, so the result is the same
//! whoever runs it.
//!
//! A thread that has claimed its share and then stops (the system runs other work on its core)
//! holds the call up until it runs again: after such a call, which finishes [`LATE`], the caller
//! runs every share itself for a while ([`ALONE_CALLS`]).
//!
//! A call that finds the threads spinning goes through atomics alone; the lock and the condition
//! variables are for sleeping, waking and panics. Measured on W3's two-thread step (three calls):
//! a thread starts its share 0.2–0.3 µs after the call, and the caller waits about 1.2 µs for the
//! last share.

// The one place that erases a lifetime; see the SAFETY comments.
#![allow(unsafe_code)]

use std::boxed::Box;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use std::vec::Vec;

/// Spins this many times (about 30 µs here) on an atomic before sleeping on a condition variable:
/// the serial part of a step is often shorter, and waking a sleeping thread costs more. Kept
/// short, because a spinning thread takes a core from whatever else the machine runs.
const SPINS: u32 = 2_000;

/// A call in which the caller waited for the threads longer than twice its own shares took, and
/// longer than this, finished late: a thread stopped in the middle of its share (on a machine busy
/// with other work, one may not run for milliseconds) and held the call up until it ran again.
/// On an idle machine the caller waits about a microsecond for a share of 15 µs.
const LATE: Duration = Duration::from_micros(250);

/// After a call that finished late, the caller runs this many calls alone (about 30 ms of W3's
/// steps), then tries the threads again; each try that finishes late too doubles the time alone,
/// up to [`MOST_ALONE_CALLS`]. Beside one busy process, two threads ran W3 at 0.72x one without
/// this, 0.86–0.97x with it (three runs of `scripts/threads-under-load.sh`).
const ALONE_CALLS: u64 = 1_000;

/// The most calls the caller runs alone before it tries the threads again (seconds of W3).
const MOST_ALONE_CALLS: u64 = 64 * ALONE_CALLS;

/// The most participants a set of threads has.
const MOST_PARTICIPANTS: usize = 1 << 16;

/// The work of one call, lifetime erased: a closure called with each share's index.
type Work = dyn Fn(usize) + Sync + 'static;

/// A `&Work` whose lifetime has been erased, so that the threads can reach it through
/// [`Shared::job`].
#[derive(Clone, Copy)]
struct Job(*const Work);

/// A panic caught in a share, resumed on the caller.
type Payload = Box<dyn core::any::Any + Send>;

/// What the caller and the threads share.
struct Shared {
    state: Mutex<State>,
    /// Raised when a call starts (or the threads must exit), if a thread sleeps.
    started: Condvar,
    /// Raised when the last share of a call is done, if the caller sleeps.
    finished: Condvar,
    /// The current call's number; the threads spin on it, then sleep.
    call: AtomicU64,
    /// The current call's work: a `Job` on the stack of the `run` that makes the call. Read only
    /// by a thread that has claimed a share of that call, so that `run` has not returned.
    job: AtomicPtr<Job>,
    /// For each share, the number of the last call it was claimed for: a share is claimed for
    /// one call only, so a thread that wakes late cannot take a share of a later call with an
    /// earlier call's job.
    claims: Vec<AtomicU64>,
    /// Shares of the current call claimed or not, that are not done yet.
    pending: AtomicUsize,
    /// Threads asleep on `started`, or about to be: a call wakes them only if there are any.
    sleepers: AtomicUsize,
    /// Whether the caller sleeps on `finished`, or is about to: the last share wakes it then.
    caller_sleeps: AtomicBool,
    /// Whether a share of the current call panicked on a thread (the payload is in `State`).
    panicked: AtomicBool,
    /// Threads that have started their loop.
    ready: AtomicUsize,
}

struct State {
    /// The first panic of the current call's shares on a thread.
    panic: Option<Payload>,
    exit: bool,
}

/// Threads started once that run borrowed closures together with the calling thread.
pub(crate) struct Threads {
    shared: Arc<Shared>,
    handles: Vec<JoinHandle<()>>,
    /// Held through a call: calls from several callers at once take turns.
    calling: Mutex<Pace>,
}

/// How the calls have been going, for the caller: whether the threads keep up.
struct Pace {
    /// Calls made so far.
    calls: u64,
    /// The caller runs every share itself until `calls` reaches this.
    alone_until: u64,
    /// How many calls the caller runs alone after the next call that finishes late.
    alone_calls: u64,
}

impl Pace {
    fn new() -> Self {
        Self {
            calls: 0,
            alone_until: 0,
            alone_calls: ALONE_CALLS,
        }
    }

    /// Counts a call; whether the caller runs it alone.
    fn alone(&mut self) -> bool {
        self.calls += 1;
        self.calls < self.alone_until
    }

    /// Records a call made with the threads: the time the caller's own shares took, and the time
    /// it then waited for the threads. A late call sends the caller alone (see [`LATE`]).
    fn record(&mut self, worked: Duration, waited: Duration) {
        if waited > (2 * worked).max(LATE) {
            self.alone_until = self.calls + self.alone_calls;
            self.alone_calls = (2 * self.alone_calls).min(MOST_ALONE_CALLS);
        } else {
            self.alone_calls = ALONE_CALLS;
        }
    }
}

impl Threads {
    /// Starts `participants - 1` threads; the caller of [`run`](Self::run) is participant 0.
    pub(crate) fn new(participants: usize) -> std::io::Result<Self> {
        let participants = participants.clamp(1, MOST_PARTICIPANTS);
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                panic: None,
                exit: false,
            }),
            started: Condvar::new(),
            finished: Condvar::new(),
            call: AtomicU64::new(0),
            job: AtomicPtr::new(core::ptr::null_mut()),
            claims: (0..participants).map(|_| AtomicU64::new(0)).collect(),
            pending: AtomicUsize::new(0),
            sleepers: AtomicUsize::new(0),
            caller_sleeps: AtomicBool::new(false),
            panicked: AtomicBool::new(false),
            ready: AtomicUsize::new(0),
        });
        let mut threads = Self {
            shared,
            handles: Vec::new(),
            calling: Mutex::new(Pace::new()),
        };
        for index in 1..participants {
            let shared = Arc::clone(&threads.shared);
            let handle = thread::Builder::new()
                .name(std::format!("nn-train-{index}"))
                .spawn(move || work(&shared, index))?;
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
    /// the threads, and returns when all are done: each participant's own share first, then any
    /// share not yet claimed; for a while after a call that finished late, all on this thread. A
    /// panic in any of them is resumed here after all are done.
    pub(crate) fn run(&self, f: &(dyn Fn(usize) + Sync)) {
        let mut pace = self.calling.lock().unwrap_or_else(PoisonError::into_inner);
        let mut panic = None;
        if pace.alone() || self.participants() == 1 {
            drop(pace);
            for index in 0..self.participants() {
                run_share(f, index, &mut panic);
            }
        } else {
            self.run_with_threads(f, &mut pace, &mut panic);
            drop(pace);
        }
        if let Some(payload) = panic {
            panic::resume_unwind(payload);
        }
    }

    /// [`run`](Self::run) with the threads: hands them the call, runs the caller's shares, waits
    /// for theirs, and records in `pace` how long that took. The first panic, the caller's or a
    /// thread's, goes to `panic`.
    fn run_with_threads(
        &self,
        f: &(dyn Fn(usize) + Sync),
        pace: &mut Pace,
        panic: &mut Option<Payload>,
    ) {
        let shared = &*self.shared;
        // SAFETY: the erased reference is reached through `Shared::job`, which points to `job`
        // below; a thread calls it only for a share it claimed for this call (`claim` checks the
        // call's number), and this function returns only when every share of the call is done
        // (`pending == 0`, below), panicking ones included: they are caught. So `f` and `job`
        // outlive every use.
        let job = Job(unsafe { core::mem::transmute::<&(dyn Fn(usize) + Sync), &'static Work>(f) });
        let call = shared.call.load(Ordering::SeqCst) + 1;
        shared.pending.store(self.participants(), Ordering::SeqCst);
        shared
            .job
            .store(core::ptr::from_ref(&job).cast_mut(), Ordering::SeqCst);
        shared.call.store(call, Ordering::SeqCst);
        // A thread that counted itself a sleeper before `call` changed waits on `started` (it
        // holds the lock from its count to its wait), or sees the new call: either way it runs.
        if shared.sleepers.load(Ordering::SeqCst) > 0 {
            let _state = lock(&shared.state);
            shared.started.notify_all();
        }
        let began = Instant::now();
        while let Some(index) = claim(&shared.claims, call, 0) {
            run_share(f, index, panic);
            shared.pending.fetch_sub(1, Ordering::SeqCst);
        }
        let own = began.elapsed();
        let mut spins = 0;
        while shared.pending.load(Ordering::SeqCst) != 0 && spins < SPINS {
            core::hint::spin_loop();
            spins += 1;
        }
        if shared.pending.load(Ordering::SeqCst) != 0 {
            let mut state = lock(&shared.state);
            // As for `sleepers`: the last share sees this, or this sees it done.
            shared.caller_sleeps.store(true, Ordering::SeqCst);
            while shared.pending.load(Ordering::SeqCst) != 0 {
                state = shared
                    .finished
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            shared.caller_sleeps.store(false, Ordering::SeqCst);
        }
        pace.record(own, began.elapsed().saturating_sub(own));
        if shared.panicked.swap(false, Ordering::SeqCst) {
            let payload = lock(&shared.state).panic.take();
            if panic.is_none() {
                *panic = payload;
            }
        }
    }
}

/// Calls `f(index)`, catching a panic: the first one goes to `panic`, to be resumed once every
/// share is done.
fn run_share(f: &(dyn Fn(usize) + Sync), index: usize, panic: &mut Option<Payload>) {
    if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| f(index))) {
        panic.get_or_insert(payload);
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

/// A share of call `call` that no one has claimed yet, if any is left and that call is still the
/// current one: participant `own`'s own share first, then the next ones. So each share is done by
/// its own participant, unless that one is late: the products share the rows of a layer between
/// the threads so that each keeps its rows in its own cache, and when shares went to whoever came
/// first, their rows moved between the cores.
fn claim(claims: &[AtomicU64], call: u64, own: usize) -> Option<usize> {
    let count = claims.len();
    (0..count).map(|k| (own + k) % count).find(|&share| {
        let claimed = &claims[share];
        let last = claimed.load(Ordering::SeqCst);
        last < call
            && claimed
                .compare_exchange(last, call, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
    })
}

/// A thread's loop: wait for a call, run the shares it can claim, until told to exit.
fn work(shared: &Shared, own: usize) {
    shared.ready.fetch_add(1, Ordering::SeqCst);
    let mut seen = 0;
    loop {
        let mut spins = 0;
        while shared.call.load(Ordering::SeqCst) == seen && spins < SPINS {
            core::hint::spin_loop();
            spins += 1;
        }
        if shared.call.load(Ordering::SeqCst) == seen {
            let mut state = lock(&shared.state);
            shared.sleepers.fetch_add(1, Ordering::SeqCst);
            while shared.call.load(Ordering::SeqCst) == seen && !state.exit {
                state = shared
                    .started
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            shared.sleepers.fetch_sub(1, Ordering::SeqCst);
            if state.exit {
                return;
            }
        }
        seen = shared.call.load(Ordering::SeqCst);
        while let Some(index) = claim(&shared.claims, seen, own) {
            // SAFETY: this share was claimed for call `seen`, whose `run` stored its job before
            // the call's number and returns only once `pending` below has counted the share
            // done: the job and its closure are alive, and no later call has replaced the job.
            let f = unsafe { &*(*shared.job.load(Ordering::SeqCst)).0 };
            let mut panic = None;
            run_share(f, index, &mut panic);
            if let Some(payload) = panic {
                lock(&shared.state).panic.get_or_insert(payload);
                shared.panicked.store(true, Ordering::SeqCst);
            }
            if shared.pending.fetch_sub(1, Ordering::SeqCst) == 1
                && shared.caller_sleeps.load(Ordering::SeqCst)
            {
                // Take the lock so that the caller, between its check and its wait, holding it,
                // cannot miss the notification.
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
    use super::{ALONE_CALLS, Threads, claim};
    use std::boxed::Box;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
    use std::time::{Duration, Instant};
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
        // As call 5 of two shares starts: a participant takes its own share first.
        let claims = [AtomicU64::new(4), AtomicU64::new(4)];
        assert_eq!(claim(&claims, 5, 1), Some(1));
        // A thread that woke for call 4 and is late: nothing to take.
        assert_eq!(claim(&claims, 4, 0), None);
        // The caller, its own share done, takes the share a late thread has not.
        assert_eq!(claim(&claims, 5, 1), Some(0));
        assert_eq!(claim(&claims, 5, 0), None);
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

    /// A call in which share 1 runs on the thread, which sleeps `thread_sleeps` in it, while
    /// share 0 waits (up to 200 ms) for share 1 to start. Returns whether it did start.
    fn call_with_a_slow_thread(threads: &Threads, thread_sleeps: Duration) -> bool {
        let started = AtomicBool::new(false);
        let seen = AtomicBool::new(false);
        threads.run(&|index| {
            if index == 1 {
                started.store(true, Ordering::SeqCst);
                std::thread::sleep(thread_sleeps);
            } else {
                let waiting = Instant::now();
                while !started.load(Ordering::SeqCst)
                    && waiting.elapsed() < Duration::from_millis(200)
                {
                    std::thread::yield_now();
                }
                seen.store(started.load(Ordering::SeqCst), Ordering::SeqCst);
            }
        });
        seen.into_inner()
    }

    #[test]
    fn after_a_late_call_the_caller_runs_alone_for_a_while() {
        let threads = Threads::new(2).unwrap();
        // The thread takes its share, then stops for 20 ms: the call finishes late.
        assert!(call_with_a_slow_thread(&threads, Duration::from_millis(20)));
        let caller = std::thread::current().id();
        for _ in 1..ALONE_CALLS {
            let ran_on = Mutex::new(Vec::new());
            threads.run(&|_| ran_on.lock().unwrap().push(std::thread::current().id()));
            assert_eq!(ran_on.into_inner().unwrap(), [caller, caller]);
        }
        // Then the thread takes its share again.
        assert!(call_with_a_slow_thread(&threads, Duration::ZERO));
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
