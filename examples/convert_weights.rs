//! Converts weights between safetensors (as `PyTorch` writes them) and `nn`'s byte format, for a
//! network of the shape `4 => relu 5 => identity 3` (edit the declaration for another).
//!
//! ```sh
//! cargo run --example convert_weights -- model.safetensors model.nnw
//! ```

use std::error::Error;

nn::network! {
    /// The network the weights belong to.
    pub struct Net = 4 => relu 5 => identity 3;
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(from), Some(to)) = (args.next(), args.next()) else {
        return Err("usage: convert_weights FROM.safetensors TO.nnw".into());
    };
    let mut net = Net::zeros();
    nn::safetensors::load(&mut net, &from)?;
    let mut bytes = vec![0; nn::bytes::encoded_len::<Net>()];
    nn::bytes::encode(&net, &mut bytes)?;
    std::fs::write(&to, &bytes)?;
    println!("{from} -> {to}: {} bytes", bytes.len());
    Ok(())
}
