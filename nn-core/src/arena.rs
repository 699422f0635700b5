//! Inference in one array, the arena: each layer's output at an offset that `network!` plans so
//! that values alive at once never share memory, and a value dead by then is written over. The
//! peak of inference's memory is then known before the program runs: the arena's size.
//!
//! The functions here give a step its input and output, `N` values at offset `AT` of an arena of
//! `A`, as arrays. Their offsets are constants, and a plan that put two of them over each other or
//! past the arena's end would not compile.

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
    const { assert!(inside(IN, I, A) && inside(OUT, O, A) && apart(IN, I, OUT, O)) };
    let (before, rest) = arena.split_at_mut(OUT);
    let (output, after) = rest.split_at_mut(O);
    let input = if IN < OUT {
        chunk(before, IN)
    } else {
        chunk(after, IN - OUT - O)
    };
    (input, chunk_mut(output, 0))
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
    const {
        assert!(inside(A1, N, A) && inside(A2, N, A) && inside(OUT, N, A));
        assert!(apart(A1, N, OUT, N) && apart(A2, N, OUT, N));
    };
    let (before, rest) = arena.split_at_mut(OUT);
    let (output, after) = rest.split_at_mut(N);
    let (before, after): (&[T], &[T]) = (before, after);
    let operand = move |at: usize| -> &[T; N] {
        if at < OUT {
            chunk(before, at)
        } else {
            chunk(after, at - OUT - N)
        }
    };
    (operand(A1), operand(A2), chunk_mut(output, 0))
}
