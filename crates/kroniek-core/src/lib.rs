//! Kroniek's analysis core.
//!
//! One module per stage, in pipeline order: [`ingest`] → [`text`] → [`time`] → entities → claims
//! → timeline, with [`dedup`] and [`pubdate`] working across the collection, and [`report`]
//! holding the wire types every front end shares.
//!
//! The core is pure: it does no file or network I/O and never reads the clock. "Now" is an input
//! (the publication date). Messy input is not an error: stages return results plus
//! [`diag::Diagnostic`]s.

pub mod dedup;
pub mod diag;
pub mod entities;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod pubdate;
pub mod report;
pub mod text;
pub mod time;

pub use model::{
    DateSource, Document, Format, Granularity, Language, PartialDate, Published, Span,
};

pub use pipeline::{Analysis, Analyzer, Config, ReportOptions};
