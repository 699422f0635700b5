//! A layer's values seen in another shape: flat, as the network passes them from layer to layer
//! and as activations and dense layers read them, or as channels of rows (`[C][H][W]`), as
//! convolutions and pooling read them. No value moves; the order is `PyTorch`'s flattening.

use bytemuck::Pod;

/// `x` as an array of another shape with as many values of the same scalar. Sizes that differ
/// are a compile error (when the call is compiled for its types).
///
/// # Examples
///
/// ```
/// use nn::reshape::reshape;
///
/// let flat = [1.0_f32, 2.0, 3.0, 4.0, 5.0, 6.0];
/// let channels: &[[[f32; 3]; 1]; 2] = reshape(&flat);
/// assert_eq!(channels[1][0], [4.0, 5.0, 6.0]);
/// ```
pub fn reshape<A: Pod, B: Pod>(x: &A) -> &B {
    bytemuck::must_cast_ref(x)
}

/// [`reshape`], to write through.
pub fn reshape_mut<A: Pod, B: Pod>(x: &mut A) -> &mut B {
    bytemuck::must_cast_mut(x)
}

/// The values of `x`, an array of any shape of `T`, as one slice in memory order.
///
/// # Examples
///
/// ```
/// use nn::reshape::values;
///
/// let kernel = [[[[1.0_f32, 2.0], [3.0, 4.0]]]];
/// assert_eq!(values::<f32, _>(&kernel), [1.0, 2.0, 3.0, 4.0]);
/// ```
pub fn values<T: Pod, A: Pod>(x: &A) -> &[T] {
    bytemuck::cast_slice(core::slice::from_ref(x))
}

/// [`values`], to write through.
pub fn values_mut<T: Pod, A: Pod>(x: &mut A) -> &mut [T] {
    bytemuck::cast_slice_mut(core::slice::from_mut(x))
}
