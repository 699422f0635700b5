use nn::optim::Adam;

nn::network! { struct Net = 2 => relu 3 => identity 1; }

fn main() {
    let (mut net, grad) = (Net::zeros_boxed(), Net::zeros_boxed());
    let mut adam = Adam::new_boxed(0.01);
    adam.step(&mut net, &grad);
}
