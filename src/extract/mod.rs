//! Extraction: one article's text in, its actors and event mentions out,
//! each with the byte offsets of its evidence.
//!
//! Pure functions over text and the vocabularies (the actor book, the
//! trigger and title lists, all read from data files before extraction
//! starts): no I/O, no database, no clock. The stages, in the order
//! `pipeline` runs them:
//! - [`text`]: sentences, tokens, word sets, datelines;
//! - [`actors`]: who is named (the book, names discovered in the text, and
//!   references resolved to them within the article);
//! - [`dates`]: time expressions and their resolution against the
//!   article's date;
//! - [`events`]: trigger words, the events they report, their parties and
//!   their modality (held, planned, or not an event at all);
//! - [`gist`]: what a row shows of a mention, and how directly it
//!   reports its event;
//! - [`pipeline`]: the stages over one article, giving an [`Extraction`].

pub mod actors;
pub mod dates;
pub mod events;
pub mod gist;
mod pipeline;
pub mod text;

pub use pipeline::*;
