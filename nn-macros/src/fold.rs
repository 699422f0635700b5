//! Folding batch normalisation for inference: the network without the batch normalisations that
//! follow a convolution or a dense layer directly, each merged into that layer's weights and
//! bias, so that inference computes the same at no cost.

use syn::Ident;

use crate::model::{Kind, Layer, Network, Source};

/// A network with batch normalisation folded, and where each of its layers comes from.
pub struct Folded {
    /// `NAMEFolded`: the same stages without the folded batch normalisations.
    pub network: Network,
    /// One per layer of `network`: its layer in the declared network, and the batch
    /// normalisation folded into it, if any.
    pub origins: Vec<Origin>,
}

/// Where a layer of a folded network comes from.
pub struct Origin {
    /// The index of its layer in the declared network.
    pub layer: usize,
    /// The index of the batch normalisation folded into it.
    pub batch_norm: Option<usize>,
}

/// Whether the batch normalisation `layers[index]` folds into the layer it reads: a convolution
/// or a dense layer without an activation, which nothing else reads.
fn folds(layers: &[Layer], index: usize) -> bool {
    let Source::Layer(before) = layers[index].input else {
        return false;
    };
    let read = |layer: &Layer| {
        layer
            .reads()
            .filter(|&source| source == Source::Layer(before))
            .count()
    };
    let affine = matches!(
        layers[before].kind,
        Kind::Dense | Kind::Conv2d { .. } | Kind::Conv1d { .. } | Kind::DepthwiseConv2d { .. }
    );
    matches!(layers[index].kind, Kind::BatchNorm { .. })
        && affine
        && layers[before].activation == "identity"
        && layers.iter().map(read).sum::<usize>() == 1
}

/// The network with every batch normalisation that can be folded folded; `None` if none can.
pub fn folded(network: &Network) -> Option<Folded> {
    let layers = &network.layers;
    let folding: Vec<bool> = (0..layers.len())
        .map(|index| folds(layers, index))
        .collect();
    if !folding.contains(&true) {
        return None;
    }
    // Each declared layer's index in the folded network: a folded batch normalisation's is the
    // layer's it folds into.
    let mut new_index = Vec::with_capacity(layers.len());
    let mut kept = 0;
    for &folded in &folding {
        if folded {
            new_index.push(kept - 1);
        } else {
            new_index.push(kept);
            kept += 1;
        }
    }
    let renumber = |source: Source| match source {
        Source::Input => Source::Input,
        Source::Layer(index) => Source::Layer(new_index[index]),
    };
    let mut folded_layers: Vec<Layer> = Vec::with_capacity(kept);
    let mut origins: Vec<Origin> = Vec::with_capacity(kept);
    for (index, layer) in layers.iter().enumerate() {
        if folding[index] {
            // The layer before takes its activation; its output keeps its shape.
            if let (Some(last), Some(origin)) = (folded_layers.last_mut(), origins.last_mut()) {
                last.activation = layer.activation.clone();
                last.activation_written = layer.activation_written;
                origin.batch_norm = Some(index);
            }
            continue;
        }
        let mut layer = layer.clone();
        layer.input = renumber(layer.input);
        if let Kind::Add { from, shortcut } = &mut layer.kind {
            *from = renumber(*from);
            *shortcut = renumber(*shortcut);
        }
        folded_layers.push(layer);
        origins.push(Origin {
            layer: index,
            batch_norm: None,
        });
    }
    let name = Ident::new(&format!("{}Folded", network.name), network.name.span());
    let doc = format!(
        "[`{}`] for inference, each batch normalisation after a convolution or a dense layer \
         folded into that layer's weights and bias: `{0}::folded` and `{0}::fold_into` make it.",
        network.name
    );
    let network = Network {
        attrs: vec![syn::parse_quote!(#[doc = #doc])],
        name,
        layers: folded_layers,
        ..network.clone()
    };
    Some(Folded { network, origins })
}
