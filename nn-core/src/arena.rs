//! Inference, or training on one sample, in one array, the arena: each value at an offset that
//! `network!` plans so that values alive at once never share memory, and a value dead by then is
//! written over. The peak of the memory is then known before the program runs: the arena's size
//! (`INFERENCE_BYTES`, `TRAINING_BYTES`).
//!
//! The functions here give a step the value it writes and those it reads, `N` values at offset
//! `AT` of an arena of `A`, as arrays. Their offsets are constants, and a plan that put two of
//! them over each other or past the arena's end would not compile.

/// `x[at..at + N]` as an array, from a slice that holds it (the plan's asserts make sure it does).
fn chunk<T, const N: usize>(x: &[T], at: usize) -> &[T; N] {
    match x.get(at..).and_then(<[T]>::first_chunk) {
        Some(chunk) => chunk,
        None => unreachable!("the arena holds every value its plan puts in it"),
    }
}

/// The mutable form of [`chunk`].
fn chunk_mut<T, const N: usize>(x: &mut [T], at: usize) -> &mut [T; N] {
    match x.get_mut(at..).and_then(<[T]>::first_chunk_mut) {
        Some(chunk) => chunk,
        None => unreachable!("the arena holds every value its plan puts in it"),
    }
}

/// Whether `N` values at `at` lie inside an arena of `A` values.
const fn inside(at: usize, n: usize, a: usize) -> bool {
    at + n <= a
}

/// Whether `[a, a + m)` and `[b, b + n)` have no value in common.
const fn apart(a: usize, m: usize, b: usize, n: usize) -> bool {
    a + m <= b || b + n <= a
}

/// The value of `N` values at `AT`, to read: the network's output, at the end.
///
/// # Examples
///
/// ```
/// let arena = [1.0, 2.0, 3.0, 4.0];
/// assert_eq!(nn::arena::value::<f32, 4, 2, 1>(&arena), &[2.0, 3.0]);
/// ```
pub fn value<T, const A: usize, const N: usize, const AT: usize>(arena: &[T; A]) -> &[T; N] {
    const { assert!(inside(AT, N, A)) };
    chunk(arena, AT)
}

/// The value of `N` values at `AT`, to write: the first layer's output, whose input is not in
/// the arena.
pub fn output<T, const A: usize, const N: usize, const AT: usize>(
    arena: &mut [T; A],
) -> &mut [T; N] {
    const { assert!(inside(AT, N, A)) };
    chunk_mut(arena, AT)
}

/// The arena but for the value a step writes: the values the step reads, each apart from the
/// one it writes. Made by [`write()`].
pub struct Rest<'a, T, const A: usize, const N: usize, const AT: usize> {
    before: &'a [T],
    after: &'a [T],
}

impl<T, const A: usize, const N: usize, const AT: usize> Clone for Rest<'_, T, A, N, AT> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, const A: usize, const N: usize, const AT: usize> Copy for Rest<'_, T, A, N, AT> {}

impl<'a, T, const A: usize, const N: usize, const AT: usize> Rest<'a, T, A, N, AT> {
    /// `M` values at `FROM`, to read. A value past the arena's end, or over the one written,
    /// does not compile.
    pub fn read<const M: usize, const FROM: usize>(self) -> &'a [T; M] {
        const { assert!(inside(FROM, M, A) && apart(FROM, M, AT, N)) };
        if FROM < AT {
            chunk(self.before, FROM)
        } else {
            chunk(self.after, FROM - AT - N)
        }
    }
}

/// The value a step writes, `N` values at `AT`, and the rest of the arena, from which it reads
/// the others.
///
/// # Examples
///
/// ```
/// let mut arena = [1.0, 2.0, 0.0, 3.0];
/// let (sum, rest) = nn::arena::write::<f32, 4, 1, 2>(&mut arena);
/// *sum = [rest.read::<2, 0>()[1] + rest.read::<1, 3>()[0]];
/// assert_eq!(arena, [1.0, 2.0, 5.0, 3.0]);
/// ```
pub fn write<T, const A: usize, const N: usize, const AT: usize>(
    arena: &mut [T; A],
) -> (&mut [T; N], Rest<'_, T, A, N, AT>) {
    const { assert!(inside(AT, N, A)) };
    let (before, rest) = arena.split_at_mut(AT);
    let (value, after) = rest.split_at_mut(N);
    let rest = Rest {
        before,
        after: &*after,
    };
    (chunk_mut(value, 0), rest)
}

/// A step's input, `I` values at `IN`, and its output, `O` values at `OUT`, which it writes.
///
/// # Examples
///
/// ```
/// let mut arena = [1.0, 2.0, 0.0, 0.0, 0.0];
/// let (x, u) = nn::arena::input_output::<f32, 5, 2, 0, 3, 2>(&mut arena);
/// *u = [x[0] + x[1], x[0] - x[1], x[0] * x[1]];
/// assert_eq!(arena, [1.0, 2.0, 3.0, -1.0, 2.0]);
/// ```
pub fn input_output<
    T,
    const A: usize,
    const I: usize,
    const IN: usize,
    const O: usize,
    const OUT: usize,
>(
    arena: &mut [T; A],
) -> (&[T; I], &mut [T; O]) {
    let (output, rest) = write::<T, A, O, OUT>(arena);
    (rest.read::<I, IN>(), output)
}

/// A sum's two addends, `N` values at `A1` and at `A2`, and its output, `N` values at `OUT`.
pub fn sum_operands<
    T,
    const A: usize,
    const N: usize,
    const A1: usize,
    const A2: usize,
    const OUT: usize,
>(
    arena: &mut [T; A],
) -> (&[T; N], &[T; N], &mut [T; N]) {
    let (output, rest) = write::<T, A, N, OUT>(arena);
    (rest.read::<N, A1>(), rest.read::<N, A2>(), output)
}
