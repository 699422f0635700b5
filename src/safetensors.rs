//! Weights in the [safetensors](https://huggingface.co/docs/safetensors) format, as `PyTorch`
//! writes them: a network declared `2 => relu 3 => identity 1` reads and writes the tensors
//! `layer1.weight` (3x2), `layer1.bias` (3), `layer2.weight` (1x3), `layer2.bias` (1), the
//! state dict of a `PyTorch` module with `nn.Linear` attributes `layer1`, `layer2`, ….
//!
//! `PyTorch` stores a weight `[outputs][inputs]`, the transpose of [`crate::Dense`]'s
//! `[inputs][outputs]`; reading and writing transpose. The dtype must be the network's (`F32` for
//! `f32`, `F64` for `f64`).

use std::fmt;
use std::path::Path;

use ::safetensors::tensor::{Dtype, SafeTensors, TensorView};
use nn_core::{Network, Scalar, TensorKind};

/// Why weights could not be read or written. On a read error the network is left untouched.
#[derive(Debug)]
pub enum SafetensorsError {
    /// The file could not be read or written.
    Io(std::io::Error),
    /// Not a valid safetensors file: truncated, a header that is too large or not JSON, offsets
    /// outside the data.
    Format(::safetensors::SafeTensorError),
    /// The file lacks one of the network's tensors.
    MissingTensor {
        /// Its name, e.g. `layer2.bias`.
        tensor: &'static str,
    },
    /// The file has a tensor the network does not: another architecture.
    UnexpectedTensor {
        /// Its name in the file.
        tensor: String,
    },
    /// A tensor of another dtype.
    WrongDtype {
        /// Its name.
        tensor: &'static str,
        /// The network's, `F32` or `F64`.
        expected: Dtype,
        /// The file's.
        found: Dtype,
    },
    /// A tensor of another shape.
    WrongShape {
        /// Its name.
        tensor: &'static str,
        /// The network's, in `PyTorch`'s layout (`[outputs, inputs]` for a weight).
        expected: Vec<usize>,
        /// The file's.
        found: Vec<usize>,
    },
    /// A value is NaN or infinite.
    NonFinite {
        /// The tensor it is in.
        tensor: &'static str,
        /// Its position in the file's layout, row after row.
        index: usize,
    },
}

impl fmt::Display for SafetensorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(error) => write!(f, "cannot read or write the file: {error}"),
            Self::Format(error) => write!(f, "not a valid safetensors file: {error}"),
            Self::MissingTensor { tensor } => write!(f, "the file has no tensor `{tensor}`"),
            Self::UnexpectedTensor { tensor } => write!(
                f,
                "the file has a tensor `{tensor}` that the network lacks: another architecture"
            ),
            Self::WrongDtype {
                tensor,
                expected,
                found,
            } => {
                write!(
                    f,
                    "`{tensor}` is {found} in the file, the network needs {expected}"
                )
            }
            Self::WrongShape {
                tensor,
                expected,
                found,
            } => {
                write!(
                    f,
                    "`{tensor}` has shape {found:?} in the file, the network needs {expected:?}"
                )
            }
            Self::NonFinite { tensor, index } => {
                write!(f, "`{tensor}` value {index} is NaN or infinite")
            }
        }
    }
}

impl std::error::Error for SafetensorsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io(error) => Some(error),
            Self::Format(error) => Some(error),
            _ => None,
        }
    }
}

/// The file's dtype for the network's scalar.
fn dtype<T: Scalar>() -> Dtype {
    if T::SIZE == 4 { Dtype::F32 } else { Dtype::F64 }
}

/// A tensor's shape in `PyTorch`'s layout.
fn torch_shape(tensor: &nn_core::Tensor) -> Vec<usize> {
    match tensor.kind {
        TensorKind::Weight => vec![tensor.columns, tensor.rows],
        TensorKind::Bias => vec![tensor.columns],
    }
}

/// The position in our `[rows][columns]` layout of value `index` of the file's layout, which is
/// the transpose for a weight.
fn our_index(tensor: &nn_core::Tensor, index: usize) -> usize {
    match tensor.kind {
        TensorKind::Weight => (index % tensor.rows) * tensor.columns + index / tensor.rows,
        TensorKind::Bias => index,
    }
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
                .flat_map(|i| values[our_index(tensor, i)].to_le_bytes().as_ref().to_vec())
                .collect()
        })
        .collect();
    let views = N::TENSORS
        .iter()
        .zip(&data)
        .map(|(tensor, bytes)| {
            let view = TensorView::new(dtype::<N::Scalar>(), torch_shape(tensor), bytes)?;
            Ok((tensor.name, view))
        })
        .collect::<Result<Vec<_>, ::safetensors::SafeTensorError>>()
        .map_err(SafetensorsError::Format)?;
    ::safetensors::serialize(views, None).map_err(SafetensorsError::Format)
}

/// Reads a safetensors file's bytes into `net`, after checking every tensor: on error `net` is
/// untouched.
///
/// # Errors
///
/// Any [`SafetensorsError`] but `Io`, naming the tensor and both shapes or dtypes where they
/// differ.
pub fn from_bytes<N: Network>(net: &mut N, bytes: &[u8]) -> Result<(), SafetensorsError> {
    let file = SafeTensors::deserialize(bytes).map_err(SafetensorsError::Format)?;
    if let Some(extra) = file
        .names()
        .into_iter()
        .find(|name| !N::TENSORS.iter().any(|t| t.name == *name))
    {
        return Err(SafetensorsError::UnexpectedTensor {
            tensor: extra.to_owned(),
        });
    }
    let mut views = Vec::with_capacity(N::TENSORS.len());
    for tensor in N::TENSORS {
        let view = file
            .tensor(tensor.name)
            .map_err(|_| SafetensorsError::MissingTensor {
                tensor: tensor.name,
            })?;
        if view.dtype() != dtype::<N::Scalar>() {
            return Err(SafetensorsError::WrongDtype {
                tensor: tensor.name,
                expected: dtype::<N::Scalar>(),
                found: view.dtype(),
            });
        }
        if view.shape() != torch_shape(tensor) {
            return Err(SafetensorsError::WrongShape {
                tensor: tensor.name,
                expected: torch_shape(tensor),
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
                index,
            });
        }
        views.push(values);
    }
    for ((index, tensor), values) in N::TENSORS.iter().enumerate().zip(views) {
        let slots = net.tensor_mut(index);
        for (i, value) in values.enumerate() {
            slots[our_index(tensor, i)] = value;
        }
    }
    Ok(())
}

/// Writes the network's weights to a safetensors file at `path`.
///
/// # Errors
///
/// [`SafetensorsError::Io`] when the file cannot be written.
pub fn save<N: Network>(net: &N, path: impl AsRef<Path>) -> Result<(), SafetensorsError> {
    std::fs::write(path, to_bytes(net)?).map_err(SafetensorsError::Io)
}

/// Reads the safetensors file at `path` into `net`; on error `net` is untouched.
///
/// # Errors
///
/// [`SafetensorsError::Io`] when the file cannot be read, and every error of [`from_bytes`].
pub fn load<N: Network>(net: &mut N, path: impl AsRef<Path>) -> Result<(), SafetensorsError> {
    from_bytes(net, &std::fs::read(path).map_err(SafetensorsError::Io)?)
}
