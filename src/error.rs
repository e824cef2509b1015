//! The core's one error type.

/// Everything that can go wrong in the core. Per-article problems are not errors: they are
/// written to [`crate::Record::errors`] and the article is still returned.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// An option had a value the core does not accept.
    #[error("invalid value for option `{option}`: {value} ({expected})")]
    InvalidOption {
        /// Name of the option.
        option: &'static str,
        /// The value given, as text.
        value: String,
        /// What would have been accepted.
        expected: String,
    },
    /// A thread pool could not be built.
    #[error("could not start the thread pool: {0}")]
    ThreadPool(String),
    /// The batch was cancelled (its cancel flag was set, e.g. by Ctrl-C) before it finished.
    #[error("the batch was cancelled")]
    Cancelled,
    /// An article could not be processed (only raised in strict mode).
    #[error("article {id}: {message}")]
    Article {
        /// Id of the article.
        id: String,
        /// What went wrong.
        message: String,
    },
}

/// Result with the core's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
