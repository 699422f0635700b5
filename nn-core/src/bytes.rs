//! `nn`'s own weights format: a small header, then every parameter as little-endian bytes.
//! `no_std` and allocation-free, so firmware can read weights trained on a host.
//!
//! | offset | bytes | content |
//! | --- | --- | --- |
//! | 0 | 4 | `NNW1` |
//! | 4 | 4 | the scalar type, `f32` or `f64` then a zero byte |
//! | 8 | 4 | the number of tensors, `u32` little-endian |
//! | 12 | 8 per tensor | its rows and columns, `u32` little-endian each, in [`Network::TENSORS`] order |
//! | then | `rows * columns * size` per tensor | its values, little-endian, row after row |
//!
//! Weight matrices are stored `[inputs][outputs]`, as [`crate::Dense`] holds them.

use core::fmt;

use crate::{BatchNorm, Conv1d, Conv2d, Dense, DepthwiseConv2d, Network, Scalar, Tensor};

/// The first four bytes of every weights file.
pub const MAGIC: [u8; 4] = *b"NNW1";
const HEADER: usize = 12;
const SHAPE: usize = 8;

/// Why weights could not be written or read. On a read error the network is left untouched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BytesError {
    /// The output buffer is too small.
    BufferTooSmall {
        /// The bytes needed, [`encoded_len`].
        needed: usize,
        /// The bytes given.
        available: usize,
    },
    /// The bytes do not start with [`MAGIC`]: not an `nn` weights file.
    NotWeights,
    /// The weights are of another scalar type.
    WrongScalar {
        /// The network's, `"f32"` or `"f64"`.
        expected: &'static str,
        /// The file's four type bytes.
        found: [u8; 4],
    },
    /// The file holds a different number of tensors: another architecture.
    WrongTensorCount {
        /// The network's.
        expected: usize,
        /// The file's.
        found: usize,
    },
    /// A tensor of another shape: another architecture.
    WrongShape {
        /// Its name, e.g. `layer1.weight`.
        tensor: &'static str,
        /// The network's (rows, columns).
        expected: (usize, usize),
        /// The file's.
        found: (usize, usize),
    },
    /// The file is truncated, or has bytes after the last value.
    WrongLength {
        /// The length the header implies.
        expected: usize,
        /// The length given.
        found: usize,
    },
    /// A value is NaN or infinite.
    NonFinite {
        /// The tensor it is in.
        tensor: &'static str,
        /// Its position there, row after row.
        index: usize,
    },
}

impl fmt::Display for BytesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message().as_str())
    }
}

impl BytesError {
    /// What went wrong, naming the tensor and both shapes or types where they differ: the text
    /// `Display` shows, built by a `const fn`, so that `nn::include_weights!` shows it in its
    /// compile error.
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::bytes::BytesError;
    ///
    /// const ERROR: BytesError = BytesError::WrongShape {
    ///     tensor: "layer1.weight",
    ///     expected: (4, 6),
    ///     found: (4, 5),
    /// };
    /// const MESSAGE: &str = ERROR.message().as_str();
    /// assert_eq!(MESSAGE, "`layer1.weight` is 4x5 in the weights but 4x6 in the network");
    /// assert_eq!(ERROR.to_string(), MESSAGE);
    /// ```
    pub const fn message(&self) -> Message {
        let message = Message::new();
        match self {
            Self::BufferTooSmall { needed, available } => message
                .text("the buffer holds ")
                .number(*available)
                .text(" bytes, the weights need ")
                .number(*needed),
            Self::NotWeights => {
                message.text("not an nn weights file: it does not start with `NNW1`")
            }
            Self::WrongScalar { expected, found } => message
                .text("the weights are `")
                .text(scalar_name(found))
                .text("`, the network computes in `")
                .text(expected)
                .text("`"),
            Self::WrongTensorCount { expected, found } => message
                .text("the weights hold ")
                .number(*found)
                .text(" tensors, the network has ")
                .number(*expected)
                .text(": another architecture"),
            Self::WrongShape {
                tensor,
                expected,
                found,
            } => message
                .text("`")
                .text(tensor)
                .text("` is ")
                .number(found.0)
                .text("x")
                .number(found.1)
                .text(" in the weights but ")
                .number(expected.0)
                .text("x")
                .number(expected.1)
                .text(" in the network"),
            Self::WrongLength { expected, found } => message
                .text("the weights are ")
                .number(*found)
                .text(" bytes long, their header says ")
                .number(*expected)
                .text(": truncated or padded"),
            Self::NonFinite { tensor, index } => message
                .text("`")
                .text(tensor)
                .text("` value ")
                .number(*index)
                .text(" is NaN or infinite"),
        }
    }
}

/// The scalar type a file's four type bytes name, without the padding zero; `?` if they are not
/// text.
const fn scalar_name(tag: &[u8; 4]) -> &str {
    let mut len = tag.len();
    while len > 0 && tag[len - 1] == 0 {
        len -= 1;
    }
    match core::str::from_utf8(tag.split_at(len).0) {
        Ok(name) => name,
        Err(_) => "?",
    }
}

/// The text of a [`BytesError`], written without allocation by a `const fn`: at most
/// [`Message::CAPACITY`] bytes, the rest cut.
#[derive(Clone, Copy)]
pub struct Message {
    bytes: [u8; Message::CAPACITY],
    len: usize,
}

impl Message {
    /// The longest text kept.
    pub const CAPACITY: usize = 256;

    const fn new() -> Self {
        Self {
            bytes: [0; Self::CAPACITY],
            len: 0,
        }
    }

    /// The message with `text` appended.
    const fn text(mut self, text: &str) -> Self {
        let text = text.as_bytes();
        let mut i = 0;
        while i < text.len() && self.len < Self::CAPACITY {
            self.bytes[self.len] = text[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// The message with `number` appended in decimal.
    const fn number(self, number: usize) -> Self {
        let mut digits = [0; 20];
        let (mut start, mut rest) = (digits.len(), number);
        loop {
            start -= 1;
            // A digit, 0 to 9: the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation)]
            let digit = (rest % 10) as u8;
            digits[start] = b'0' + digit;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        match core::str::from_utf8(digits.split_at(start).1) {
            Ok(text) => self.text(text),
            Err(_) => self,
        }
    }

    /// The text: whole characters only, should the capacity have cut one.
    pub const fn as_str(&self) -> &str {
        let written = self.bytes.split_at(self.len).0;
        match core::str::from_utf8(written) {
            Ok(text) => text,
            Err(error) => match core::str::from_utf8(written.split_at(error.valid_up_to()).0) {
                Ok(text) => text,
                Err(_) => "",
            },
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl core::error::Error for BytesError {}

/// The length of `N`'s weights in this format.
pub const fn encoded_len<N: Network>() -> usize {
    HEADER + SHAPE * N::TENSORS.len() + N::PARAMETERS * <N::Scalar as Scalar>::SIZE
}

/// Writes `net`'s weights into the start of `out`; returns the number of bytes written.
///
/// # Errors
///
/// [`BytesError::BufferTooSmall`] when `out` is shorter than [`encoded_len`].
///
/// # Examples
///
/// ```
/// use nn::bytes::{decode, encode, encoded_len};
///
/// nn::network! { struct Net = 2 => relu 3 => identity 1; }
///
/// let net = Net::ones();
/// let mut buffer = [0_u8; encoded_len::<Net>()];
/// encode(&net, &mut buffer)?;
/// let mut copy = Net::zeros();
/// decode(&mut copy, &buffer)?;
/// assert_eq!(copy, net);
/// # Ok::<(), nn::bytes::BytesError>(())
/// ```
pub fn encode<N: Network>(net: &N, out: &mut [u8]) -> Result<usize, BytesError> {
    let needed = encoded_len::<N>();
    let Some(out) = out.get_mut(..needed) else {
        return Err(BytesError::BufferTooSmall {
            needed,
            available: out.len(),
        });
    };
    let mut writer = Writer { out, at: 0 };
    writer.put(&MAGIC);
    writer.put(&scalar_tag::<N::Scalar>());
    writer.put_count(N::TENSORS.len());
    for tensor in N::TENSORS {
        writer.put_count(tensor.rows);
        writer.put_count(tensor.columns);
    }
    for index in 0..N::TENSORS.len() {
        for value in net.tensor(index) {
            writer.put(value.to_le_bytes().as_ref());
        }
    }
    Ok(needed)
}

/// Reads weights written by [`encode`] into `net`, after checking all of them: on error `net` is
/// untouched.
///
/// # Errors
///
/// Any [`BytesError`] but `BufferTooSmall`: not a weights file, another scalar type or
/// architecture (naming the tensor and both shapes), a truncated file, NaN or infinite values.
pub fn decode<N: Network>(net: &mut N, bytes: &[u8]) -> Result<(), BytesError> {
    let values = check::<N>(bytes)?;
    let mut chunks = values.chunks_exact(<N::Scalar as Scalar>::SIZE);
    for index in 0..N::TENSORS.len() {
        for (slot, chunk) in net.tensor_mut(index).iter_mut().zip(&mut chunks) {
            *slot = value::<N::Scalar>(chunk);
        }
    }
    Ok(())
}

/// Checks everything [`decode`] reads and returns the value bytes.
fn check<N: Network>(bytes: &[u8]) -> Result<&[u8], BytesError> {
    let start = check_header(
        bytes,
        <N::Scalar as Scalar>::NAME,
        N::TENSORS,
        <N::Scalar as Scalar>::SIZE,
    )?;
    let values = &bytes[start..];
    let mut chunks = values.chunks_exact(<N::Scalar as Scalar>::SIZE);
    for tensor in N::TENSORS {
        for (index, chunk) in (&mut chunks).take(tensor.len()).enumerate() {
            if !value::<N::Scalar>(chunk).is_finite() {
                return Err(BytesError::NonFinite {
                    tensor: tensor.name,
                    index,
                });
            }
        }
    }
    Ok(values)
}

/// Checks the magic, scalar type, tensor shapes and length of `bytes` for a network of
/// `tensors` in `scalar` (`"f32"`, `"f64"`) of `size` bytes; returns where the values start.
/// A `const fn`, for the `from_weights` that `network!` generates.
#[doc(hidden)]
pub const fn check_header(
    bytes: &[u8],
    scalar: &'static str,
    tensors: &[Tensor],
    size: usize,
) -> Result<usize, BytesError> {
    if !starts_with(bytes, MAGIC) {
        return Err(BytesError::NotWeights);
    }
    let mut parameters = 0;
    let mut t = 0;
    while t < tensors.len() {
        parameters += tensors[t].len();
        t += 1;
    }
    let start = HEADER + SHAPE * tensors.len();
    let expected = start + parameters * size;
    if bytes.len() < HEADER {
        return Err(BytesError::WrongLength {
            expected,
            found: bytes.len(),
        });
    }
    let tag = [bytes[4], bytes[5], bytes[6], bytes[7]];
    let name = scalar.as_bytes();
    let mut b = 0;
    while b < 4 {
        let wanted = if b < name.len() { name[b] } else { 0 };
        if tag[b] != wanted {
            return Err(BytesError::WrongScalar {
                expected: scalar,
                found: tag,
            });
        }
        b += 1;
    }
    let count = count_at(bytes, 8);
    if count != tensors.len() {
        return Err(BytesError::WrongTensorCount {
            expected: tensors.len(),
            found: count,
        });
    }
    if bytes.len() < start {
        return Err(BytesError::WrongLength {
            expected,
            found: bytes.len(),
        });
    }
    let mut t = 0;
    while t < tensors.len() {
        let at = HEADER + SHAPE * t;
        let found = (count_at(bytes, at), count_at(bytes, at + 4));
        let tensor = &tensors[t];
        if found.0 != tensor.rows || found.1 != tensor.columns {
            return Err(BytesError::WrongShape {
                tensor: tensor.name,
                expected: (tensor.rows, tensor.columns),
                found,
            });
        }
        t += 1;
    }
    if bytes.len() != expected {
        return Err(BytesError::WrongLength {
            expected,
            found: bytes.len(),
        });
    }
    Ok(start)
}

/// Whether `bytes` start with `magic`: a file of the format it names.
pub(crate) const fn starts_with(bytes: &[u8], magic: [u8; 4]) -> bool {
    bytes.len() >= 4
        && bytes[0] == magic[0]
        && bytes[1] == magic[1]
        && bytes[2] == magic[2]
        && bytes[3] == magic[3]
}

/// `N` bytes from `at`, which the caller has checked are in bounds.
const fn array_at<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut array = [0; N];
    let mut i = 0;
    while i < N {
        array[i] = bytes[at + i];
        i += 1;
    }
    array
}

/// `bytes[at..end]`, or the error of a file that ends before `end`.
const fn between(bytes: &[u8], at: usize, end: usize) -> Result<&[u8], BytesError> {
    if let Some((head, _)) = bytes.split_at_checked(end)
        && let Some((_, between)) = head.split_at_checked(at)
    {
        return Ok(between);
    }
    Err(BytesError::WrongLength {
        expected: end,
        found: bytes.len(),
    })
}

/// Copies the little-endian `source` into `values`, `SIZE` bytes a value. The compiler
/// interprets this for every weight of a network `include_weights!` reads: on a little-endian
/// target, in one copy of the bytes, where a value at a time took rustc's const evaluator past
/// its "taking a long time" warning for networks of 200,000 weights (the `MLPerf` Tiny models)
/// and twice the compile time.
#[cfg(target_endian = "little")]
macro_rules! copy_values {
    ($source:expr, $values:expr, $t:ident, $bits:ident, $size:expr) => {{
        let length = $values.len() * $size;
        // SAFETY: the `values.len()` values of `values` are `length` bytes of initialised
        // memory (a float has no padding), borrowed mutably here alone while `target` lives;
        // every byte pattern is a valid float, so any bytes written leave valid values.
        #[allow(unsafe_code)]
        let target =
            unsafe { core::slice::from_raw_parts_mut($values.as_mut_ptr().cast::<u8>(), length) };
        target.copy_from_slice($source);
    }};
}

/// [The little-endian form](copy_values), a value at a time.
#[cfg(not(target_endian = "little"))]
macro_rules! copy_values {
    ($source:expr, $values:expr, $t:ident, $bits:ident, $size:expr) => {{
        let mut rest = $source;
        let mut index = 0;
        while let Some((value, tail)) = rest.split_first_chunk::<$size>() {
            $values[index] = $t::from_bits($bits::from_le_bytes(*value));
            rest = tail;
            index += 1;
        }
    }};
}

/// Const readers of one layer, for `from_weights`: the weights then the bias from `at`, which
/// [`check_header`] has vouched for; each returns the layer and where the next one starts.
macro_rules! layer_readers {
    (
        $values:ident,
        $layer:ident,
        $dense:ident,
        $conv2d:ident,
        $conv1d:ident,
        $depthwise:ident,
        $batch_norm:ident,
        $t:ident,
        $bits:ident
    ) => {
        /// Reads `values.len()` values of tensor `tensor` from `at` into `values`; returns where
        /// the next value starts.
        const fn $values(
            bytes: &[u8],
            at: usize,
            values: &mut [$t],
            tensor: &'static str,
        ) -> Result<usize, BytesError> {
            const SIZE: usize = core::mem::size_of::<$t>();
            // The exponent's bits: all ones in NaN and the infinities alone.
            const EXPONENT: $bits = $t::INFINITY.to_bits();
            let end = at + values.len() * SIZE;
            let source = match between(bytes, at, end) {
                Ok(source) => source,
                Err(error) => return Err(error),
            };
            copy_values!(source, values, $t, $bits, SIZE);
            // Then each value's exponent: all ones in NaN and the infinities alone.
            let mut index = 0;
            while index < values.len() {
                if values[index].to_bits() & EXPONENT == EXPONENT {
                    return Err(BytesError::NonFinite { tensor, index });
                }
                index += 1;
            }
            Ok(end)
        }

        /// Reads a layer's weights, then its bias, from `at`; returns where the next layer starts.
        const fn $layer(
            bytes: &[u8],
            at: usize,
            weights: &mut [$t],
            bias: &mut [$t],
            names: [&'static str; 2],
        ) -> Result<usize, BytesError> {
            match $values(bytes, at, weights, names[0]) {
                Ok(at) => $values(bytes, at, bias, names[1]),
                Err(error) => Err(error),
            }
        }

        #[doc(hidden)]
        pub const fn $dense<const I: usize, const O: usize>(
            bytes: &[u8],
            at: usize,
            weight: &'static str,
            bias: &'static str,
        ) -> Result<(Dense<$t, I, O>, usize), BytesError> {
            let mut layer = Dense::<$t, I, O>::zeros();
            match $layer(
                bytes,
                at,
                layer.weights.as_flattened_mut(),
                &mut layer.bias,
                [weight, bias],
            ) {
                Ok(at) => Ok((layer, at)),
                Err(error) => Err(error),
            }
        }

        #[doc(hidden)]
        pub const fn $conv2d<const C: usize, const F: usize, const KH: usize, const KW: usize>(
            bytes: &[u8],
            at: usize,
            weight: &'static str,
            bias: &'static str,
        ) -> Result<(Conv2d<$t, C, F, KH, KW>, usize), BytesError> {
            let mut layer = Conv2d::<$t, C, F, KH, KW>::zeros();
            let weights = layer
                .weights
                .as_flattened_mut()
                .as_flattened_mut()
                .as_flattened_mut();
            match $layer(bytes, at, weights, &mut layer.bias, [weight, bias]) {
                Ok(at) => Ok((layer, at)),
                Err(error) => Err(error),
            }
        }

        #[doc(hidden)]
        pub const fn $conv1d<const C: usize, const F: usize, const K: usize>(
            bytes: &[u8],
            at: usize,
            weight: &'static str,
            bias: &'static str,
        ) -> Result<(Conv1d<$t, C, F, K>, usize), BytesError> {
            let mut layer = Conv1d::<$t, C, F, K>::zeros();
            let weights = layer.weights.as_flattened_mut().as_flattened_mut();
            match $layer(bytes, at, weights, &mut layer.bias, [weight, bias]) {
                Ok(at) => Ok((layer, at)),
                Err(error) => Err(error),
            }
        }

        #[doc(hidden)]
        pub const fn $depthwise<const C: usize, const KH: usize, const KW: usize>(
            bytes: &[u8],
            at: usize,
            weight: &'static str,
            bias: &'static str,
        ) -> Result<(DepthwiseConv2d<$t, C, KH, KW>, usize), BytesError> {
            let mut layer = DepthwiseConv2d::<$t, C, KH, KW>::zeros();
            let weights = layer.weights.as_flattened_mut().as_flattened_mut();
            match $layer(bytes, at, weights, &mut layer.bias, [weight, bias]) {
                Ok(at) => Ok((layer, at)),
                Err(error) => Err(error),
            }
        }

        /// Reads a batch normalisation's scale, shift, running mean and running variance.
        #[doc(hidden)]
        pub const fn $batch_norm<const C: usize>(
            bytes: &[u8],
            at: usize,
            names: [&'static str; 4],
        ) -> Result<(BatchNorm<$t, C>, usize), BytesError> {
            let mut layer = BatchNorm::<$t, C>::zeros();
            let at = match $layer(
                bytes,
                at,
                &mut layer.weight,
                &mut layer.bias,
                [names[0], names[1]],
            ) {
                Ok(at) => at,
                Err(error) => return Err(error),
            };
            let running = [names[2], names[3]];
            match $layer(
                bytes,
                at,
                &mut layer.running_mean,
                &mut layer.running_var,
                running,
            ) {
                Ok(at) => Ok((layer, at)),
                Err(error) => Err(error),
            }
        }
    };
}

layer_readers!(
    values_f32,
    layer_f32,
    dense_f32,
    conv2d_f32,
    conv1d_f32,
    depthwise_conv2d_f32,
    batch_norm_f32,
    f32,
    u32
);
layer_readers!(
    values_f64,
    layer_f64,
    dense_f64,
    conv2d_f64,
    conv1d_f64,
    depthwise_conv2d_f64,
    batch_norm_f64,
    f64,
    u64
);

/// `f32\0` or `f64\0`.
fn scalar_tag<T: Scalar>() -> [u8; 4] {
    let mut tag = [0; 4];
    for (slot, byte) in tag.iter_mut().zip(T::NAME.bytes()) {
        *slot = byte;
    }
    tag
}

/// The `u32` at `offset`, which the caller has checked is in bounds.
pub(crate) const fn count_at(bytes: &[u8], offset: usize) -> usize {
    u32::from_le_bytes(array_at(bytes, offset)) as usize
}

/// A value from a chunk of `chunks_exact(T::SIZE)`, which always has the size.
fn value<T: Scalar>(chunk: &[u8]) -> T {
    T::from_le_slice(chunk).unwrap_or(T::NAN)
}

/// Appends to a buffer known to be long enough.
struct Writer<'a> {
    out: &'a mut [u8],
    at: usize,
}

impl Writer<'_> {
    fn put(&mut self, bytes: &[u8]) {
        self.out[self.at..self.at + bytes.len()].copy_from_slice(bytes);
        self.at += bytes.len();
    }

    fn put_count(&mut self, count: usize) {
        // Widths beyond u32 would not fit in any memory that holds the network's arrays on a
        // 32-bit target; on 64-bit hosts they saturate and then fail the shape check on reading.
        self.put(&u32::try_from(count).unwrap_or(u32::MAX).to_le_bytes());
    }
}
