// f32 weights baked into a network that computes in f64: the error says which is which.
nn::network! { struct Double: f64 = 4 => relu 5 => identity 3; }

static NET: Double = nn::include_weights!(Double, "../reference/torch_linear.nnw");

fn main() {
    let _ = NET.forward(&[0.0; 4]);
}
