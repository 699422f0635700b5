//! How well a classifier does.

use crate::Network;

/// The index of the largest value: the predicted class, from probabilities or from an int8
/// network's scores. The first of equal values wins, NaN never does, and an empty slice gives 0.
///
/// # Examples
///
/// ```
/// use nn::metrics::argmax;
///
/// assert_eq!(argmax(&[0.1_f32, 0.7, 0.2]), 1);
/// assert_eq!(argmax(&[f64::NAN, 0.5]), 1);
/// assert_eq!(argmax(&[-3_i8, 7, 7]), 1);
/// ```
pub fn argmax<T: PartialOrd>(values: &[T]) -> usize {
    let mut best = 0;
    for (index, value) in values.iter().enumerate() {
        // `!(value <= best)` would let NaN win; `>` does not, and neither does a NaN `best`,
        // the one value not comparable with itself.
        let unordered = values[best].partial_cmp(&values[best]).is_none();
        if *value > values[best] || unordered {
            best = index;
        }
    }
    best
}

/// The fraction of `samples` whose class the network predicts (`argmax` of its output); 0 for no
/// samples.
///
/// # Examples
///
/// ```
/// use nn::metrics::accuracy;
///
/// nn::network! { struct Net: f64 = 2 => identity 2; }
///
/// let mut net = Net::zeros();
/// net.layer1.weights = [[1.0, 0.0], [0.0, 1.0]]; // predicts the larger input
/// let samples = [([1.0, 0.0], 0), ([0.0, 1.0], 1), ([2.0, 1.0], 1)];
/// assert_eq!(accuracy(&net, &samples), 2.0 / 3.0);
/// ```
pub fn accuracy<N: Network>(net: &N, samples: &[(N::Input, usize)]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let right = samples
        .iter()
        .filter(|(input, class)| argmax(net.forward(input).as_ref()) == *class)
        .count();
    right as f64 / samples.len() as f64
}
