//! Weights in the [safetensors](https://huggingface.co/docs/safetensors) format, as `PyTorch`
//! writes them: a network declared `2 => relu 3 => identity 1` reads and writes the tensors
//! `layer1.weight` (3x2), `layer1.bias` (3), `layer2.weight` (1x3), `layer2.bias` (1), the
//! state dict of a `PyTorch` module with `nn.Linear` attributes `layer1`, `layer2`, ….
//!
//! It also reads the state dict of an `nn.Sequential`, the usual way to build a multi-layer
//! perceptron in `PyTorch`: `0.weight`, `0.bias`, `2.weight`, … (numbered by module, the
//! activations between the `nn.Linear` layers having no tensors), also under a common prefix such
//! as `model.0.weight`. Its `nn.Linear` modules, in order, become `layer1`, `layer2`, ….
//!
//! `PyTorch` stores a weight `[outputs][inputs]`, the transpose of [`crate::Dense`]'s
//! `[inputs][outputs]`; reading and writing transpose. The dtype must be the network's (`F32` for
//! `f32`, `F64` for `f64`).

use std::fmt;
use std::path::{Path, PathBuf};

use ::safetensors::tensor::{Dtype, SafeTensors, TensorView};
use nn_core::{Network, Scalar, Tensor};

/// Why weights could not be read or written. On a read error the network is left untouched.
#[derive(Debug)]
pub enum SafetensorsError {
    /// The file could not be read.
    Read {
        /// Its path.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
    /// The file could not be written.
    Write {
        /// Its path.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
    /// Not a valid safetensors file: truncated, a header that is too large or not JSON, offsets
    /// outside the data.
    Format(::safetensors::SafeTensorError),
    /// The file lacks one of the network's tensors.
    MissingTensor {
        /// The name it would have in the file, e.g. `layer2.bias` or an `nn.Sequential`'s
        /// `2.bias`.
        tensor: String,
    },
    /// The file has a tensor the network does not: another architecture.
    UnexpectedTensor {
        /// Its name in the file.
        tensor: String,
        /// The network's tensors, which the file may also name as an `nn.Sequential` does.
        expected: &'static [nn_core::Tensor],
    },
    /// The file is an `nn.Sequential`'s with another number of `nn.Linear` layers.
    Modules {
        /// The file's parametrised modules, e.g. `["0", "2", "4"]`.
        found: Vec<String>,
        /// The network's layers.
        layers: usize,
    },
    /// A tensor of another dtype.
    WrongDtype {
        /// Its name in the network.
        tensor: &'static str,
        /// Its name in the file, which differs for an `nn.Sequential`'s file.
        file_name: String,
        /// The network's, `F32` or `F64`.
        expected: Dtype,
        /// The file's.
        found: Dtype,
    },
    /// A tensor of another shape.
    WrongShape {
        /// Its name in the network.
        tensor: &'static str,
        /// Its name in the file, which differs for an `nn.Sequential`'s file.
        file_name: String,
        /// The network's, in `PyTorch`'s layout (`[outputs, inputs]` for a weight).
        expected: Vec<usize>,
        /// The file's.
        found: Vec<usize>,
    },
    /// A value is NaN or infinite.
    NonFinite {
        /// The tensor it is in, by its name in the network.
        tensor: &'static str,
        /// Its name in the file, which differs for an `nn.Sequential`'s file.
        file_name: String,
        /// Its position in the file's layout, row after row.
        index: usize,
    },
}

impl fmt::Display for SafetensorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            Self::Write { path, error } => write!(f, "cannot write {}: {error}", path.display()),
            Self::Format(error) => write!(f, "not a valid safetensors file: {error}"),
            Self::MissingTensor { tensor } => write!(f, "the file has no tensor `{tensor}`"),
            Self::UnexpectedTensor { tensor, expected } => {
                write!(
                    f,
                    "the file has a tensor `{tensor}` that the network lacks: another architecture; \
                     the network reads "
                )?;
                for (index, expected) in expected.iter().enumerate() {
                    let separator = if index == 0 { "" } else { ", " };
                    write!(f, "{separator}`{}`", expected.name)?;
                }
                f.write_str(", or an nn.Sequential's `0.weight`, `0.bias`, … for as many nn.Linear")
            }
            Self::Modules { found, layers } => write!(
                f,
                "the file is an nn.Sequential with {} nn.Linear modules ({}), the network has \
                 {layers} layers: another architecture",
                found.len(),
                found.join(", ")
            ),
            Self::WrongDtype {
                tensor,
                file_name,
                expected,
                found,
            } => write!(
                f,
                "{} is {found} in the file, the network needs {expected}",
                Named(tensor, file_name)
            ),
            Self::WrongShape {
                tensor,
                file_name,
                expected,
                found,
            } => write!(
                f,
                "{} has shape {found:?} in the file, the network needs {expected:?}",
                Named(tensor, file_name)
            ),
            Self::NonFinite {
                tensor,
                file_name,
                index,
            } => write!(
                f,
                "{} value {index} is NaN or infinite",
                Named(tensor, file_name)
            ),
        }
    }
}

/// A tensor by its name in the file, with the network's name too where they differ.
struct Named<'a>(&'a str, &'a str);

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(tensor, file_name) = *self;
        if tensor == file_name {
            write!(f, "`{tensor}`")
        } else {
            write!(f, "`{file_name}` (the network's `{tensor}`)")
        }
    }
}

impl std::error::Error for SafetensorsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { error, .. } | Self::Write { error, .. } => Some(error),
            Self::Format(error) => Some(error),
            _ => None,
        }
    }
}

/// The file's dtype for the network's scalar.
fn dtype<T: Scalar>() -> Dtype {
    if T::SIZE == 4 { Dtype::F32 } else { Dtype::F64 }
}

/// The network's weights as a safetensors file.
///
/// # Errors
///
/// [`SafetensorsError::Format`] only if the header cannot be built, which does not happen for a
/// network `network!` declares.
///
/// # Examples
///
/// ```
/// nn::network! { struct Net = 2 => relu 3 => identity 1; }
///
/// let net = Net::ones();
/// let bytes = nn::safetensors::to_bytes(&net)?;
/// let mut copy = Net::zeros();
/// nn::safetensors::from_bytes(&mut copy, &bytes)?;
/// assert_eq!(copy, net);
/// # Ok::<(), nn::safetensors::SafetensorsError>(())
/// ```
pub fn to_bytes<N: Network>(net: &N) -> Result<Vec<u8>, SafetensorsError> {
    let data: Vec<Vec<u8>> = N::TENSORS
        .iter()
        .enumerate()
        .map(|(index, tensor)| {
            let values = net.tensor(index);
            (0..tensor.len())
                .flat_map(|i| values[tensor.our_index(i)].to_le_bytes().as_ref().to_vec())
                .collect()
        })
        .collect();
    let views = N::TENSORS
        .iter()
        .zip(&data)
        .map(|(tensor, bytes)| {
            let view = TensorView::new(dtype::<N::Scalar>(), tensor.torch_shape.to_vec(), bytes)?;
            Ok((tensor.name, view))
        })
        .collect::<Result<Vec<_>, ::safetensors::SafeTensorError>>()
        .map_err(SafetensorsError::Format)?;
    ::safetensors::serialize(views, None).map_err(SafetensorsError::Format)
}

/// Reads a safetensors file's bytes into `net`, after checking every tensor: on error `net` is
/// untouched. The tensors are the network's own (`layer1.weight`, …) or an `nn.Sequential`'s
/// (`0.weight`, …; see the [module docs](self)).
///
/// # Errors
///
/// Any [`SafetensorsError`] but `Read` and `Write`, naming the tensor and both shapes or dtypes
/// where they differ.
pub fn from_bytes<N: Network>(net: &mut N, bytes: &[u8]) -> Result<(), SafetensorsError> {
    let file = SafeTensors::deserialize(bytes).map_err(SafetensorsError::Format)?;
    let file_names = file_names::<N>(&file.names())?;
    let mut views = Vec::with_capacity(N::TENSORS.len());
    for (tensor, file_name) in N::TENSORS.iter().zip(file_names) {
        let Ok(view) = file.tensor(&file_name) else {
            return Err(SafetensorsError::MissingTensor { tensor: file_name });
        };
        if view.dtype() != dtype::<N::Scalar>() {
            return Err(SafetensorsError::WrongDtype {
                tensor: tensor.name,
                file_name,
                expected: dtype::<N::Scalar>(),
                found: view.dtype(),
            });
        }
        if view.shape() != tensor.torch_shape {
            return Err(SafetensorsError::WrongShape {
                tensor: tensor.name,
                file_name,
                expected: tensor.torch_shape.to_vec(),
                found: view.shape().to_vec(),
            });
        }
        // `chunks_exact` gives whole values; the shape check above made their count right.
        let values = view
            .data()
            .chunks_exact(N::Scalar::SIZE)
            .map(|chunk| N::Scalar::from_le_slice(chunk).unwrap_or(N::Scalar::NAN));
        if let Some(index) = values.clone().position(|value| !value.is_finite()) {
            return Err(SafetensorsError::NonFinite {
                tensor: tensor.name,
                file_name,
                index,
            });
        }
        views.push(values);
    }
    for ((index, tensor), values) in N::TENSORS.iter().enumerate().zip(views) {
        let slots = net.tensor_mut(index);
        for (i, value) in values.enumerate() {
            slots[tensor.our_index(i)] = value;
        }
    }
    Ok(())
}

/// The name in the file of each of the network's tensors, in [`Network::TENSORS`] order: its own,
/// or, in an `nn.Sequential`'s file, that of the module in the same place among the file's.
fn file_names<N: Network>(names: &[&str]) -> Result<Vec<String>, SafetensorsError> {
    // A batch normalisation's count of batches, which `nn` does not keep.
    let names: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| !name.ends_with(".num_batches_tracked"))
        .collect();
    let names = names.as_slice();
    let own = |name: &&str| N::TENSORS.iter().any(|tensor| tensor.name == *name);
    let sequential = if names.iter().any(own) {
        None
    } else {
        sequential_modules(names)
    };
    let Some((prefix, modules)) = sequential else {
        if let Some(extra) = names.iter().find(|name| !own(name)) {
            return Err(SafetensorsError::UnexpectedTensor {
                tensor: (*extra).to_owned(),
                expected: N::TENSORS,
            });
        }
        return Ok(N::TENSORS.iter().map(|t| t.name.to_owned()).collect());
    };
    // A module's tensors start with its `weight`.
    let starts_module = |tensor: &Tensor| tensor.kind.torch_name() == "weight";
    let layers = N::TENSORS
        .iter()
        .filter(|tensor| starts_module(tensor))
        .count();
    if modules.len() != layers {
        return Err(SafetensorsError::Modules {
            found: modules.iter().map(ToString::to_string).collect(),
            layers,
        });
    }
    // A layer's weight comes first in `TENSORS`: each weight starts the next module.
    let mut module = modules.iter();
    let mut current = None;
    Ok(N::TENSORS
        .iter()
        .map(|tensor| {
            if starts_module(tensor) {
                current = module.next();
            }
            let suffix = tensor.kind.torch_name();
            format!("{prefix}{}.{suffix}", current.unwrap_or(&0))
        })
        .collect())
}

/// If every name is `[PREFIX.]MODULE.weight`, `.bias`, `.running_mean` or `.running_var` with one
/// prefix and a module number, as in an `nn.Sequential`'s state dict: the prefix (with its dot)
/// and the module numbers, sorted.
fn sequential_modules(names: &[&str]) -> Option<(String, Vec<usize>)> {
    if names.is_empty() {
        return None;
    }
    let mut prefix = None;
    let mut modules = Vec::new();
    for name in names {
        let rest = [".weight", ".bias", ".running_mean", ".running_var"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))?;
        let (head, module) = match rest.rsplit_once('.') {
            Some((head, module)) => (format!("{head}."), module),
            None => (String::new(), rest),
        };
        let module: usize = module.parse().ok()?;
        if *prefix.get_or_insert_with(|| head.clone()) != head {
            return None;
        }
        modules.push(module);
    }
    modules.sort_unstable();
    modules.dedup();
    Some((prefix.unwrap_or_default(), modules))
}

/// Writes the network's weights to a safetensors file at `path`.
///
/// # Errors
///
/// [`SafetensorsError::Write`], naming the path, when the file cannot be written.
pub fn save<N: Network>(net: &N, path: impl AsRef<Path>) -> Result<(), SafetensorsError> {
    let path = path.as_ref();
    std::fs::write(path, to_bytes(net)?).map_err(|error| SafetensorsError::Write {
        path: path.to_owned(),
        error,
    })
}

/// Reads the safetensors file at `path` into `net`; on error `net` is untouched.
///
/// # Errors
///
/// [`SafetensorsError::Read`], naming the path, when the file cannot be read, and every error of
/// [`from_bytes`].
pub fn load<N: Network>(net: &mut N, path: impl AsRef<Path>) -> Result<(), SafetensorsError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|error| SafetensorsError::Read {
        path: path.to_owned(),
        error,
    })?;
    from_bytes(net, &bytes)
}
