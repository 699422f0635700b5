//! Who computes a large layer's products: the calling thread [`Alone`], or the threads of a
//! [`Parallel`](crate::parallel::Parallel) together, each taking its own rows of the weights.
//!
//! The weight gradient, the input gradient and an optimiser's step split the rows of the weights,
//! the same rows in each, so that a thread keeps its rows of the weights and of the gradient in
//! its own cache from one to the other; each of their sums is computed whole by one thread, in
//! the order one thread alone would add it. The forward pass splits the rows too, in two halves
//! whose sums are added after: its results round differently with two threads than with one.

use core::ops::Range;

/// Runs a product's parts, perhaps on several threads at once.
///
/// Sealed: the products write their parts from several threads at once, trusting that the parts
/// do not overlap, so only [`Alone`] and [`Parallel`](crate::parallel::Parallel)'s threads are
/// teams.
pub trait Team: Sync + sealed::Sealed {
    /// Calls `part` with ranges that cover `0..count` once each and do not overlap, each but the
    /// first starting at a multiple of `align`, and returns when every call is over.
    fn share(&self, count: usize, align: usize, part: &(dyn Fn(Range<usize>) + Sync));

    /// [`share`](Self::share) in at most two parts: for a product whose second part writes a
    /// buffer of its own.
    fn share_in_two(&self, count: usize, align: usize, part: &(dyn Fn(Range<usize>) + Sync));
}

mod sealed {
    /// Implemented by the teams of this crate only.
    pub trait Sealed {}

    impl Sealed for super::Alone {}
}

#[cfg(feature = "std")]
pub(crate) use sealed::Sealed;

/// The calling thread alone: the whole of each product in one call.
///
/// # Examples
///
/// ```
/// use nn::team::{Alone, Team};
///
/// let mut calls = std::sync::Mutex::new(Vec::new());
/// Alone.share(100, 32, &|columns| calls.lock().unwrap().push(columns));
/// assert_eq!(calls.get_mut().unwrap(), &[0..100]);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Alone;

impl Team for Alone {
    #[inline]
    fn share(&self, count: usize, _align: usize, part: &(dyn Fn(Range<usize>) + Sync)) {
        part(0..count);
    }

    #[inline]
    fn share_in_two(&self, count: usize, _align: usize, part: &(dyn Fn(Range<usize>) + Sync)) {
        part(0..count);
    }
}

/// `part` of `parts` of `0..count`, as a team of `parts` threads shares it: cut at the multiples
/// of `align` nearest to the even cuts. Empty for a part past the end.
#[cfg(feature = "std")]
pub(crate) fn part(count: usize, align: usize, parts: usize, part: usize) -> Range<usize> {
    let align = align.max(1);
    let cut = |k: usize| {
        if k >= parts {
            count
        } else {
            ((k * count / parts + align / 2) / align * align).min(count)
        }
    };
    cut(part)..cut(part + 1).max(cut(part))
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::part;

    #[test]
    fn parts_cover_the_columns_once_in_aligned_ranges() {
        assert_eq!(part(784, 8, 2, 0), 0..392);
        assert_eq!(part(784, 8, 2, 1), 392..784);
        assert_eq!(part(100, 32, 2, 0), 0..64);
        assert_eq!(part(100, 32, 2, 1), 64..100);
        assert_eq!(part(20, 32, 2, 0), 0..0);
        assert_eq!(part(20, 32, 2, 1), 0..20);
        assert_eq!(part(2048, 32, 3, 1), 672..1376);
        assert_eq!(part(2048, 32, 3, 2), 1376..2048);
        assert_eq!(part(5, 1, 8, 7), 4..5);
    }
}
