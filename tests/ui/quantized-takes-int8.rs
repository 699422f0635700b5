// The int8 network takes int8 values of the input's width: floats, or another width, do not
// compile; nor does a network without an int8 form have `quantize`.
nn::network! {
    pub struct Net = 4 => relu 8 => identity 2;
    pub struct Smooth = 4 => tanh 8 => identity 2;
}

fn main() {
    let int8 = Net::zeros().quantize(&[[1.0; 4]]).unwrap();
    let _ = int8.forward(&[0.5_f32; 4]);
    let _ = int8.forward(&[1_i8; 3]);
    let _ = Smooth::zeros().quantize(&[[1.0; 4]]);
}
