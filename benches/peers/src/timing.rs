//! How every figure of the peer benchmarks is timed.

use std::time::Instant;

/// The median over three rounds of the time of one call of `f`, in nanoseconds.
pub fn time(mut f: impl FnMut()) -> f64 {
    let mut calls = 1_u64;
    loop {
        let start = Instant::now();
        for _ in 0..calls {
            f();
        }
        if start.elapsed().as_secs_f64() > 0.05 {
            break;
        }
        calls *= 2;
    }
    calls *= 10; // about half a second per round
    let mut rounds: Vec<f64> = (0..3)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed().as_secs_f64() * 1e9 / calls as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[1]
}
