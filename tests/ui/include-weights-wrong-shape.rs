// Weights saved from `4 => relu 5 => identity 3`, baked into a network with 6 hidden units.
nn::network! { struct Wider = 4 => relu 6 => identity 3; }

static NET: Wider = nn::include_weights!(Wider, "../reference/torch_linear.nnw");

fn main() {
    let _ = NET.forward(&[0.0; 4]);
}
