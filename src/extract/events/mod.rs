//! Finding events: triggers for the four kinds, tied to their actors,
//! their status (held or planned) and their time expression.
//!
//! Works on one sentence at a time, given its tokens, the actors found in
//! it and its time expressions. Pure: no I/O, no state beyond the sentence.

pub mod triggers;

mod find;
mod modality;
mod roles;
mod timing;

use find::*;
pub use find::{event_reference, find_events, Found};
use modality::*;
use roles::*;
use timing::*;

use crate::extract::actors::{ActorInfo, ActorMention};
use crate::extract::dates::{Tense, TimeExpr, TimeValue};
use crate::extract::text::Token;
use crate::extract::text::WordSet;
use crate::model::{ActorKind, Kind, Status};

pub use crate::extract::events::triggers::Form;
use crate::extract::events::triggers::Triggers;
use Form::{Noun, SpeakerAfter, Speech, Verb};
use Kind::{Call, Demand, Statement, Talks};

#[cfg(test)]
mod tests;
