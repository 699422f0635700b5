//! Values built in place on the heap (with the `alloc` feature), for networks too large for the
//! stack.
//!
//! `Box::new(Net::zeros())` builds the network on the stack and then moves it: for a network of
//! megabytes that overflows the stack, in debug builds first. [`zeroed`] asks the allocator for
//! zeroed memory instead. That is only sound for a type whose all-zero bytes are a valid value,
//! which the [`Zeroable`] bound states and the compiler checks: networks (every field a [`Dense`]
//! of `f32` or `f64`) and optimisers (numbers and networks) implement it.
//!
//! [`Dense`]: crate::Dense

use alloc::alloc::{Layout, handle_alloc_error};
use alloc::boxed::Box;

use bytemuck::Zeroable;

/// A `T` of all-zero bytes, allocated zeroed: it never passes through the stack. If the allocator
/// fails, this ends the process as `Box::new` does.
///
/// # Examples
///
/// ```
/// nn::network! { struct Wide = 784 => relu 1024 => relu 1024 => softmax 10; }
///
/// let grad: Box<Wide> = nn::boxed::zeroed();
/// assert_eq!(grad.layer1.bias, [0.0; 1024]);
/// ```
#[allow(clippy::unnecessary_box_returns)] // the point: a large `T` never exists outside a box
pub fn zeroed<T: Zeroable>() -> Box<T> {
    bytemuck::try_zeroed_box().unwrap_or_else(|()| handle_alloc_error(Layout::new::<T>()))
}

#[cfg(test)]
mod tests {
    use super::zeroed;
    use crate::Dense;

    #[test]
    fn zeroed_equals_the_zero_value() {
        assert_eq!(*zeroed::<Dense<f32, 3, 2>>(), Dense::zeros());
        assert_eq!(*zeroed::<Dense<f64, 0, 0>>(), Dense::zeros());
        assert_eq!(*zeroed::<[f64; 5]>(), [0.0; 5]);
    }
}
