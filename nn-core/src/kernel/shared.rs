//! A matrix that the threads of a [`Team`](crate::team::Team) write at once, each in its own
//! part: its own rows, or its own columns of every row (a block's input gradient).
//!
//! The threads' parts are disjoint, but each is reached from inside the same tiled loops, which
//! take the whole matrix: so the matrix is borrowed once, exclusively, and each thread reaches its
//! values through a raw pointer. Measured reason: sharing a large layer's products made two
//! threads 1.14–1.37x one on W3 at batch 32 (`cargo bench --bench workloads`), where splitting
//! the samples between threads gave 0.73–0.91x.

use core::marker::PhantomData;
use core::ops::Range;
use core::ptr::NonNull;

/// `rows x columns` values, row after row, borrowed exclusively for `'a` and written through
/// [`get`](Self::get), [`rows`](Self::rows) and [`whole`](Self::whole) by threads that keep to
/// their own parts.
pub(crate) struct SharedRows<'a, T> {
    first: NonNull<T>,
    rows: usize,
    columns: usize,
    _borrow: PhantomData<&'a mut [T]>,
}

// SAFETY: a `&SharedRows` gives access to the values only through `get`, `rows` and `whole`, whose
// callers promise that no two threads reach the same value at once; the values are `Send`, so
// writing them from another thread is allowed.
unsafe impl<T: Send> Sync for SharedRows<'_, T> {}

impl<'a, T> SharedRows<'a, T> {
    /// The rows of an array of arrays.
    pub(crate) fn new<const N: usize>(rows: &'a mut [[T; N]]) -> Self {
        let count = rows.len();
        Self::flat(rows.as_flattened_mut(), N, count)
    }

    /// `values` as `rows` of `columns` (at most `values.len()` values are used).
    pub(crate) fn flat(values: &'a mut [T], columns: usize, rows: usize) -> Self {
        assert!(rows * columns <= values.len(), "the rows lie in the values");
        Self {
            first: NonNull::from(values).cast(),
            rows,
            columns,
            _borrow: PhantomData,
        }
    }

    /// The number of values in a row.
    pub(crate) fn columns(&self) -> usize {
        self.columns
    }

    /// The `C` values of `row` from `column` on.
    ///
    /// # Safety
    ///
    /// While the reference lives, no other thread reads or writes these values, and this thread
    /// holds no other reference to them.
    #[allow(clippy::mut_from_ref)] // The callers keep to their own parts (see the type).
    #[inline(always)]
    pub(crate) unsafe fn get<const C: usize>(&self, row: usize, column: usize) -> &mut [T; C] {
        assert!(
            row < self.rows && column + C <= self.columns,
            "inside the matrix"
        );
        // SAFETY: in bounds (checked above) of values borrowed exclusively for `'a`; no other
        // reference reaches them (the caller's promise).
        unsafe {
            &mut *self
                .first
                .as_ptr()
                .add(row * self.columns + column)
                .cast::<[T; C]>()
        }
    }

    /// All the rows, as the array they were borrowed from.
    ///
    /// # Safety
    ///
    /// As [`get`](Self::get): no other thread uses the matrix while the reference lives.
    #[allow(clippy::mut_from_ref)] // As `get`.
    #[inline(always)]
    pub(crate) unsafe fn whole<const N: usize, const R: usize>(&self) -> &mut [[T; N]; R] {
        assert!(
            N == self.columns && R == self.rows,
            "the shape it was made with"
        );
        // SAFETY: the values were borrowed exclusively as `R` rows of `N` (checked above); no
        // other reference reaches them (the caller's promise).
        unsafe { &mut *self.first.as_ptr().cast::<[[T; N]; R]>() }
    }

    /// The values of `rows`, row after row.
    ///
    /// # Safety
    ///
    /// As [`get`](Self::get).
    #[allow(clippy::mut_from_ref)] // As `get`.
    #[inline(always)]
    pub(crate) unsafe fn rows(&self, rows: Range<usize>) -> &mut [T] {
        assert!(
            rows.start <= rows.end && rows.end <= self.rows,
            "inside the matrix"
        );
        // SAFETY: as in `get`.
        unsafe {
            core::slice::from_raw_parts_mut(
                self.first.as_ptr().add(rows.start * self.columns),
                rows.len() * self.columns,
            )
        }
    }
}
