//! 2-D pooling, channel first: each output the largest or the mean value of a window of its
//! channel.

use crate::Scalar;
use crate::layer::Layer;

/// A pooling window of `window` rows and columns stepping `stride` rows and columns, without
/// padding: as `PyTorch`'s `MaxPool2d` and `AvgPool2d`, the places that do not fit are left out.
/// Each channel is pooled alone; the output's height and width are its array's. A stride of 0 is
/// taken as 1.
///
/// # Examples
///
/// ```
/// use nn::Pool2d;
///
/// let pool = Pool2d::square(2);
/// let x = [[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]];
/// let mut u = [[[0.0; 2]; 1]; 1];
/// pool.max(&x, &mut u);
/// assert_eq!(u, [[[6.0, 8.0]]]);
/// pool.average(&x, &mut u);
/// assert_eq!(u, [[[3.5, 5.5]]]);
/// assert_eq!(pool.output_len(7, 0), 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pool2d {
    /// The window's rows and columns.
    pub window: [usize; 2],
    /// The step between two windows: rows, columns.
    pub stride: [usize; 2],
}

impl Pool2d {
    /// A `size x size` window stepping by its size, `PyTorch`'s default.
    pub const fn square(size: usize) -> Self {
        Self {
            window: [size, size],
            stride: [size, size],
        }
    }

    /// The number of windows along `axis` (0 for rows, 1 for columns) of an input `input` long:
    /// `(input - window) / stride + 1`, 0 where the window does not fit.
    pub const fn output_len(self, input: usize, axis: usize) -> usize {
        let stride = if self.stride[axis] == 0 {
            1
        } else {
            self.stride[axis]
        };
        if input < self.window[axis] {
            0
        } else {
            (input - self.window[axis]) / stride + 1
        }
    }

    /// The input's rows (or columns) under window `output` along `axis`, cut at the input's end.
    #[inline]
    pub(crate) fn under(self, axis: usize, output: usize, input: usize) -> core::ops::Range<usize> {
        let start = output * self.stride[axis].max(1);
        start.min(input)..(start + self.window[axis]).min(input)
    }

    /// Each output the largest value of its window (NaN if the window holds one), into `u`.
    pub fn max<
        T: Scalar,
        const C: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        self,
        x: &[[[T; W]; H]; C],
        u: &mut [[[T; OW]; OH]; C],
    ) {
        for (xc, uc) in x.iter().zip(u) {
            for (oy, row) in uc.iter_mut().enumerate() {
                for (ox, out) in row.iter_mut().enumerate() {
                    *out = self
                        .window_max(xc, oy, ox)
                        .map_or(T::ZERO, |(_, _, value)| value);
                }
            }
        }
    }

    /// The place and value of the largest value of window `(oy, ox)` of a channel (the first of
    /// equal ones, or the first NaN); `None` for a window off the input.
    #[inline]
    fn window_max<T: Scalar, const H: usize, const W: usize>(
        self,
        channel: &[[T; W]; H],
        oy: usize,
        ox: usize,
    ) -> Option<(usize, usize, T)> {
        let (rows, columns) = (self.under(0, oy, H), self.under(1, ox, W));
        if rows.is_empty() || columns.is_empty() {
            return None;
        }
        let mut best = (
            rows.start,
            columns.start,
            channel[rows.start][columns.start],
        );
        for iy in rows {
            for ix in columns.clone() {
                let value = channel[iy][ix];
                // Past a NaN, nothing is larger; before one, a NaN is.
                if !is_nan(best.2) && (value > best.2 || is_nan(value)) {
                    best = (iy, ix, value);
                }
            }
        }
        Some(best)
    }

    /// Backpropagation through [`Pool2d::max`]: each output's gradient goes to the place of its
    /// window's largest value, into `dx` (written, not read).
    pub fn max_input_gradient<
        T: Scalar,
        const C: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        self,
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; C],
        dx: &mut [[[T; W]; H]; C],
    ) {
        for ((xc, duc), dxc) in x.iter().zip(du).zip(dx) {
            for row in dxc.iter_mut() {
                row.fill(T::ZERO);
            }
            for (oy, row) in duc.iter().enumerate() {
                for (ox, &gradient) in row.iter().enumerate() {
                    if let Some((iy, ix, _)) = self.window_max(xc, oy, ox) {
                        dxc[iy][ix] += gradient;
                    }
                }
            }
        }
    }

    /// [`Pool2d::max`] in int8, as TensorFlow Lite's `MAX_POOL_2D` computes it: the output
    /// quantised as the input (the largest int8 value stands for the largest real), each output
    /// the largest value of its window, `i8::MIN` for a window off the input.
    pub fn max_int8<
        const C: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        self,
        x: &[[[i8; W]; H]; C],
        u: &mut [[[i8; OW]; OH]; C],
    ) {
        self.pool_int8(x, u, i8::MIN, i8::max, |largest, _| largest);
    }

    /// Each output the mean of its window, into `u`.
    pub fn average<
        T: Scalar,
        const C: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        self,
        x: &[[[T; W]; H]; C],
        u: &mut [[[T; OW]; OH]; C],
    ) {
        let scale = self.scale::<T>();
        for (xc, uc) in x.iter().zip(u) {
            for (oy, row) in uc.iter_mut().enumerate() {
                for (ox, out) in row.iter_mut().enumerate() {
                    let mut sum = T::ZERO;
                    for iy in self.under(0, oy, H) {
                        for ix in self.under(1, ox, W) {
                            sum += xc[iy][ix];
                        }
                    }
                    *out = sum * scale;
                }
            }
        }
    }

    /// [`Pool2d::average`] in int8, as TensorFlow Lite's `AVERAGE_POOL_2D` computes it: the
    /// output quantised as the input, each output its window's sum over the places on the
    /// input divided by their count, rounded half away from zero; `i8::MIN` for a window off
    /// the input.
    pub fn average_int8<
        const C: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        self,
        x: &[[[i8; W]; H]; C],
        u: &mut [[[i8; OW]; OH]; C],
    ) {
        let add = |sum: i32, x: i8| sum + i32::from(x);
        self.pool_int8(x, u, 0, add, |sum, count| {
            let count = i32::try_from(count).unwrap_or(i32::MAX);
            if count == 0 {
                return i8::MIN;
            }
            let half = if sum > 0 { count / 2 } else { -(count / 2) };
            i8::try_from(((sum + half) / count).clamp(-128, 127)).unwrap_or(i8::MIN)
        });
    }

    /// Each int8 output its window's values on the input folded from `start` by `step`, then
    /// `finish`ed with their count.
    fn pool_int8<
        A: Copy,
        const C: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        self,
        x: &[[[i8; W]; H]; C],
        u: &mut [[[i8; OW]; OH]; C],
        start: A,
        step: impl Fn(A, i8) -> A,
        finish: impl Fn(A, usize) -> i8,
    ) {
        for (xc, uc) in x.iter().zip(u) {
            for (oy, row) in uc.iter_mut().enumerate() {
                let rows = self.under(0, oy, H);
                for (ox, out) in row.iter_mut().enumerate() {
                    let columns = self.under(1, ox, W);
                    let window = xc[rows.clone()]
                        .iter()
                        .flat_map(|row| &row[columns.clone()]);
                    let folded = window.fold(start, |a, &x| step(a, x));
                    *out = finish(folded, rows.len() * columns.len());
                }
            }
        }
    }

    /// Backpropagation through [`Pool2d::average`]: each output's gradient shared equally among
    /// its window's places, into `dx` (written, not read).
    pub fn average_input_gradient<
        T: Scalar,
        const C: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        self,
        du: &[[[T; OW]; OH]; C],
        dx: &mut [[[T; W]; H]; C],
    ) {
        let scale = self.scale::<T>();
        for (duc, dxc) in du.iter().zip(dx) {
            for row in dxc.iter_mut() {
                row.fill(T::ZERO);
            }
            for (oy, row) in duc.iter().enumerate() {
                for (ox, &gradient) in row.iter().enumerate() {
                    let share = gradient * scale;
                    for iy in self.under(0, oy, H) {
                        for ix in self.under(1, ox, W) {
                            dxc[iy][ix] += share;
                        }
                    }
                }
            }
        }
    }

    /// `1 / (rows x columns)` of the window.
    fn scale<T: Scalar>(self) -> T {
        T::ONE / T::from_f64((self.window[0] * self.window[1]).max(1) as f64)
    }
}

/// Max pooling as a [`Layer`], over the windows its [`Pool2d`] geometry gives:
/// [`Pool2d::max`] and [`Pool2d::max_input_gradient`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MaxPool2d;

/// Average pooling as a [`Layer`], over the windows its [`Pool2d`] geometry gives:
/// [`Pool2d::average`] and [`Pool2d::average_input_gradient`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AvgPool2d;

impl<T: Scalar, const C: usize, const H: usize, const W: usize, const OH: usize, const OW: usize>
    Layer<T, [[[T; W]; H]; C], [[[T; OW]; OH]; C]> for MaxPool2d
{
    type Geometry = Pool2d;

    fn total_input(&self, x: &[[[T; W]; H]; C], pool: Pool2d, u: &mut [[[T; OW]; OH]; C]) {
        pool.max(x, u);
    }

    fn input_gradient(
        &self,
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; C],
        pool: Pool2d,
        dx: &mut [[[T; W]; H]; C],
    ) {
        pool.max_input_gradient(x, du, dx);
    }

    fn add_scaled_gradient(
        &mut self,
        _: &[[[T; W]; H]; C],
        _: &[[[T; OW]; OH]; C],
        _: Pool2d,
        _: T,
    ) {
    }
}

impl<T: Scalar, const C: usize, const H: usize, const W: usize, const OH: usize, const OW: usize>
    Layer<T, [[[T; W]; H]; C], [[[T; OW]; OH]; C]> for AvgPool2d
{
    type Geometry = Pool2d;

    fn total_input(&self, x: &[[[T; W]; H]; C], pool: Pool2d, u: &mut [[[T; OW]; OH]; C]) {
        pool.average(x, u);
    }

    fn input_gradient(
        &self,
        _: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; C],
        pool: Pool2d,
        dx: &mut [[[T; W]; H]; C],
    ) {
        pool.average_input_gradient(du, dx);
    }

    fn add_scaled_gradient(
        &mut self,
        _: &[[[T; W]; H]; C],
        _: &[[[T; OW]; OH]; C],
        _: Pool2d,
        _: T,
    ) {
    }
}

/// Whether `value` is NaN: the one value not comparable with itself.
fn is_nan<T: Copy + PartialOrd>(value: T) -> bool {
    value.partial_cmp(&value).is_none()
}

#[cfg(test)]
mod tests {
    use super::Pool2d;

    #[test]
    fn windows_that_overlap_and_windows_that_do_not_fit() {
        // 3 x 3 windows stepping 2 over 5 x 5: two each way, overlapping on row and column 2.
        let pool = Pool2d {
            window: [3, 3],
            stride: [2, 2],
        };
        assert_eq!((pool.output_len(5, 0), pool.output_len(6, 1)), (2, 2));
        let x: [[[f64; 5]; 5]; 1] = [core::array::from_fn(|y| {
            core::array::from_fn(|x| (y * 5 + x) as f64)
        })];
        let mut u = [[[0.0; 2]; 2]; 1];
        pool.max(&x, &mut u);
        assert_eq!(u, [[[12.0, 14.0], [22.0, 24.0]]]);
        // Every output's gradient goes to its window's largest value, the bottom-right one.
        let mut dx = [[[f64::NAN; 5]; 5]; 1];
        pool.max_input_gradient(&x, &[[[1.0, 2.0], [3.0, 4.0]]], &mut dx);
        assert_eq!(
            (dx[0][2][2], dx[0][2][4], dx[0][4][2], dx[0][4][4]),
            (1.0, 2.0, 3.0, 4.0)
        );
        assert_eq!(dx[0].as_flattened().iter().sum::<f64>(), 10.0);
        // The mean of the first window, rows and columns 0..3, is its centre, 6.
        pool.average(&x, &mut u);
        assert_eq!(u[0][0][0], 6.0);
        // The centre place (2, 2) is in all four windows: a ninth of each gradient.
        pool.average_input_gradient(&[[[9.0, 18.0], [27.0, 36.0]]], &mut dx);
        assert_eq!((dx[0][0][0], dx[0][2][2], dx[0][4][4]), (1.0, 10.0, 4.0));
        assert_eq!(Pool2d::square(4).output_len(3, 0), 0);
    }

    #[test]
    fn the_max_of_a_window_with_nan_is_nan() {
        let x = [[[1.0, f64::NAN], [3.0, 2.0]]];
        let mut u = [[[0.0; 1]; 1]; 1];
        Pool2d::square(2).max(&x, &mut u);
        assert!(u[0][0][0].is_nan());
    }
}
