//! Data sets from CSV files into fixed-size arrays: rows of features then a class label
//! (`f1,f2,…,fN,label`, as scikit-learn's data files) with [`read_csv`], or then one or more
//! numbers to regress (`f1,…,fN,t1,…,tM`) with [`read_regression_csv`]. [`open`] reads a file,
//! plain or gzip-compressed (told apart by its first bytes).
//!
//! Every problem in a file is a [`DataError`] that names the line; nothing panics. A file without
//! rows is an error too, and a UTF-8 byte-order mark before the first line is skipped.
//!
//! # Examples
//!
//! ```
//! use nn::data::{DataError, read_csv};
//!
//! let csv = "5.1,3.5,1.4,0.2,0\n6.3,3.3,6.0,2.5,2\n";
//! let samples: Vec<([f32; 4], usize)> = read_csv(csv.as_bytes(), 3, 0)?;
//! assert_eq!(samples[1], ([6.3, 3.3, 6.0, 2.5], 2));
//!
//! let error = read_csv::<f32, 4>("5.1,3.5,1.4,0\n".as_bytes(), 3, 0).unwrap_err();
//! assert_eq!(error.to_string(), "line 1: 4 columns, expected 5 (4 features and a label)");
//! # Ok::<(), DataError>(())
//! ```

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use nn_core::Scalar;

/// A sample: its features and its class.
pub type Sample<T, const N: usize> = ([T; N], usize);

/// A sample for regression: its features and the numbers to predict.
pub type RegressionSample<T, const N: usize, const M: usize> = ([T; N], [T; M]);

/// What follows the features on each row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Targets {
    /// A class index.
    Label,
    /// This many numbers to regress.
    Values(usize),
}

impl Targets {
    /// The number of columns they take.
    pub const fn columns(self) -> usize {
        match self {
            Self::Label => 1,
            Self::Values(count) => count,
        }
    }
}

impl fmt::Display for Targets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Label => f.write_str("a label"),
            Self::Values(1) => f.write_str("1 target"),
            Self::Values(count) => write!(f, "{count} targets"),
        }
    }
}

/// What is wrong with a data file.
#[derive(Debug)]
pub enum DataError {
    /// The file could not be opened.
    Open {
        /// Its path.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
    /// The file could not be read, or its compression is corrupt or truncated.
    Io {
        /// The line being read, from 1.
        line: usize,
        /// The cause.
        error: std::io::Error,
    },
    /// A row with the wrong number of columns.
    Columns {
        /// The line, from 1.
        line: usize,
        /// The columns found.
        found: usize,
        /// The feature columns expected.
        features: usize,
        /// What was expected after them.
        targets: Targets,
    },
    /// A feature that is not a number.
    Number {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// The text found.
        text: String,
    },
    /// A feature that is NaN or infinite.
    NonFinite {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// A label that is not a class index below the number of classes.
    Label {
        /// The line, from 1.
        line: usize,
        /// The text found.
        text: String,
        /// The number of classes.
        classes: usize,
    },
    /// A header that does not describe the expected data.
    Header {
        /// The line, from 1.
        line: usize,
        /// What was expected.
        expected: &'static str,
        /// The text found.
        found: String,
    },
    /// The file holds no rows of data.
    Empty {
        /// The header lines that were skipped before finding none.
        header_lines: usize,
    },
    /// The file ends before all the rows its header or its data set promise.
    Rows {
        /// The rows read.
        found: usize,
        /// The rows expected.
        expected: usize,
    },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Open { path, error } => write!(f, "cannot open {}: {error}", path.display()),
            Self::Io { line, error } => write!(f, "line {line}: cannot read the file: {error}"),
            Self::Columns {
                line,
                found,
                features,
                targets,
            } => write!(
                f,
                "line {line}: {found} columns, expected {} ({features} feature{} and {targets})",
                features + targets.columns(),
                if *features == 1 { "" } else { "s" }
            ),
            Self::Number { line, column, text } => {
                write!(f, "line {line}, column {column}: `{text}` is not a number")
            }
            Self::NonFinite { line, column } => {
                write!(f, "line {line}, column {column}: NaN or infinite value")
            }
            Self::Label {
                line,
                text,
                classes,
            } => write!(
                f,
                "line {line}: the label `{text}` is not a class index from 0 to {}",
                classes.saturating_sub(1)
            ),
            Self::Header {
                line,
                expected,
                found,
            } => {
                write!(f, "line {line}: the header `{found}` is not {expected}")
            }
            Self::Empty { header_lines: 0 } => f.write_str("the file holds no rows of data"),
            Self::Empty { header_lines } => write!(
                f,
                "the file holds no rows of data after its {header_lines} header line(s)"
            ),
            Self::Rows { found, expected } => {
                write!(
                    f,
                    "the file has {found} rows, expected {expected}: truncated?"
                )
            }
        }
    }
}

impl std::error::Error for DataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Open { error, .. } | Self::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Reads rows `f1,…,fN,label` after skipping `header_lines` lines; blank lines are skipped.
///
/// # Errors
///
/// A [`DataError`] naming the line of the first problem; [`DataError::Empty`] if there is no row.
pub fn read_csv<T: Scalar, const N: usize>(
    reader: impl Read,
    classes: usize,
    header_lines: usize,
) -> Result<Vec<Sample<T, N>>, DataError> {
    parse_rows(reader, header_lines, |text, line| {
        labelled_row(text, line, classes)
    })
}

/// Reads rows `f1,…,fN,t1,…,tM` of `N` features and `M` numbers to regress, after skipping
/// `header_lines` lines; blank lines are skipped.
///
/// # Errors
///
/// A [`DataError`] naming the line of the first problem; [`DataError::Empty`] if there is no row.
///
/// # Examples
///
/// ```
/// use nn::data::{DataError, read_regression_csv};
///
/// // f(x) = 3 x0 + 2 x1, with a header.
/// let csv = "x0,x1,y\n0.5,0.25,2.0\n1.0,0.0,3.0\n";
/// let samples: Vec<([f32; 2], [f32; 1])> = read_regression_csv(csv.as_bytes(), 1)?;
/// assert_eq!(samples, [([0.5, 0.25], [2.0]), ([1.0, 0.0], [3.0])]);
///
/// let error = read_regression_csv::<f32, 2, 1>("x0,x1,y\n".as_bytes(), 1).unwrap_err();
/// assert_eq!(error.to_string(), "the file holds no rows of data after its 1 header line(s)");
/// # Ok::<(), DataError>(())
/// ```
pub fn read_regression_csv<T: Scalar, const N: usize, const M: usize>(
    reader: impl Read,
    header_lines: usize,
) -> Result<Vec<RegressionSample<T, N, M>>, DataError> {
    parse_rows(reader, header_lines, |text, line| {
        let [features, targets] = split_row(text, line, N, Targets::Values(M))?;
        Ok((
            parse_numbers(features, line, 1)?,
            parse_numbers(targets, line, N + 1)?,
        ))
    })
}

/// The lines of `reader`, numbered from 1, without a byte-order mark before the first.
fn numbered_lines(reader: impl Read) -> impl Iterator<Item = Result<(usize, String), DataError>> {
    BufReader::new(reader)
        .lines()
        .enumerate()
        .map(|(index, line)| {
            line.map(|line| match line.strip_prefix('\u{feff}') {
                Some(rest) if index == 0 => (1, rest.to_owned()),
                _ => (index + 1, line),
            })
            .map_err(|error| DataError::Io {
                line: index + 1,
                error,
            })
        })
}

/// Every non-blank line after `header_lines` as a sample; an error if there is none.
fn parse_rows<S>(
    reader: impl Read,
    header_lines: usize,
    parse: impl Fn(&str, usize) -> Result<S, DataError>,
) -> Result<Vec<S>, DataError> {
    collect_rows(
        numbered_lines(reader).skip(header_lines),
        header_lines,
        parse,
    )
}

/// [`parse_rows`] of lines already past the header.
fn collect_rows<S>(
    lines: impl Iterator<Item = Result<(usize, String), DataError>>,
    header_lines: usize,
    parse: impl Fn(&str, usize) -> Result<S, DataError>,
) -> Result<Vec<S>, DataError> {
    let samples = lines
        .filter(|line| !matches!(line, Ok((_, text)) if text.trim().is_empty()))
        .map(|line| line.and_then(|(number, text)| parse(&text, number)))
        .collect::<Result<Vec<_>, _>>()?;
    if samples.is_empty() {
        return Err(DataError::Empty { header_lines });
    }
    Ok(samples)
}

/// One row `f1,…,fN,label`, with a label below `classes`.
fn labelled_row<T: Scalar, const N: usize>(
    text: &str,
    line: usize,
    classes: usize,
) -> Result<Sample<T, N>, DataError> {
    let [features, label] = split_row(text, line, N, Targets::Label)?;
    let class = label[0]
        .parse::<usize>()
        .ok()
        .filter(|&class| class < classes)
        .ok_or_else(|| DataError::Label {
            line,
            text: label[0].to_owned(),
            classes,
        })?;
    Ok((parse_numbers(features, line, 1)?, class))
}

/// A row's fields, trimmed, split into the `features` and the targets after them.
fn split_row(
    text: &str,
    line: usize,
    features: usize,
    targets: Targets,
) -> Result<[Vec<&str>; 2], DataError> {
    let mut fields: Vec<&str> = text.split(',').map(str::trim).collect();
    if fields.len() != features + targets.columns() {
        return Err(DataError::Columns {
            line,
            found: fields.len(),
            features,
            targets,
        });
    }
    let rest = fields.split_off(features);
    Ok([fields, rest])
}

/// Finite numbers from `texts`, whose first is in column `first_column` (from 1).
fn parse_numbers<T: Scalar, const N: usize>(
    texts: Vec<&str>,
    line: usize,
    first_column: usize,
) -> Result<[T; N], DataError> {
    let mut values = [T::ZERO; N];
    for (offset, (slot, text)) in values.iter_mut().zip(texts).enumerate() {
        let column = first_column + offset;
        let value: f64 = text.parse().map_err(|_| DataError::Number {
            line,
            column,
            text: text.to_owned(),
        })?;
        if !value.is_finite() {
            return Err(DataError::NonFinite { line, column });
        }
        *slot = T::from_f64(value);
    }
    Ok(values)
}

/// Opens a data file for [`read_csv`] or [`read_regression_csv`], decompressing it if it is gzip,
/// which its first two bytes tell (`1f 8b`), whatever its name.
///
/// # Errors
///
/// [`DataError::Open`] naming the path if it cannot be opened; [`DataError::Io`] if it cannot be
/// read.
///
/// # Examples
///
/// ```
/// use nn::data::{DataError, open, read_csv};
///
/// let samples = read_csv::<f32, 64>(open("examples/data/digits.csv.gz")?, 10, 0)?;
/// assert_eq!(samples.len(), 1797);
/// # Ok::<(), DataError>(())
/// ```
pub fn open(path: impl AsRef<Path>) -> Result<Box<dyn Read>, DataError> {
    let path = path.as_ref();
    let file = File::open(path).map_err(|error| DataError::Open {
        path: path.to_owned(),
        error,
    })?;
    let mut reader = BufReader::new(file);
    let start = reader
        .fill_buf()
        .map_err(|error| DataError::Io { line: 1, error })?;
    if start.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(GzDecoder::new(reader)))
    } else {
        Ok(Box::new(reader))
    }
}

/// scikit-learn's `digits.csv.gz`: 1,797 images of 8x8 pixels valued 0..16, labelled 0..9.
///
/// # Errors
///
/// A [`DataError`] naming the line of the first problem, or [`DataError::Rows`] when the file does
/// not have exactly 1,797 rows.
pub fn digits<T: Scalar>(path: impl AsRef<Path>) -> Result<Vec<Sample<T, 64>>, DataError> {
    const ROWS: usize = 1797;
    let samples = read_csv(open(path)?, 10, 0)?;
    if samples.len() != ROWS {
        return Err(DataError::Rows {
            found: samples.len(),
            expected: ROWS,
        });
    }
    Ok(samples)
}

/// scikit-learn's `iris.csv`: a header `150,4,setosa,versicolor,virginica`, then 150 flowers of 4
/// measurements labelled 0..2.
///
/// # Errors
///
/// A [`DataError`] naming the line of the first problem, or [`DataError::Rows`] when the file has
/// fewer or more rows than its header says.
pub fn iris<T: Scalar>(path: impl AsRef<Path>) -> Result<Vec<Sample<T, 4>>, DataError> {
    let mut lines = numbered_lines(open(path)?);
    let Some((_, header)) = lines.next().transpose()? else {
        return Err(DataError::Empty { header_lines: 0 });
    };
    let fields: Vec<&str> = header.trim().split(',').collect();
    let rows = match fields.as_slice() {
        [rows, "4", _, _, _] => rows.parse::<usize>().ok(),
        _ => None,
    };
    let rows = rows.ok_or_else(|| DataError::Header {
        line: 1,
        expected: "`ROWS,4,CLASS,CLASS,CLASS`",
        found: header.trim().to_owned(),
    })?;
    let samples = collect_rows(lines, 1, |text, line| labelled_row(text, line, 3))?;
    if samples.len() != rows {
        return Err(DataError::Rows {
            found: samples.len(),
            expected: rows,
        });
    }
    Ok(samples)
}
