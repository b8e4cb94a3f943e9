//! # amend
//!
//! Amendments to a plan text, as a Swedish municipal board handles them:
//! members table *ändringsförslag* and *tilläggsförslag* that quote the plan;
//! amend locates every quoted passage, reports which proposals conflict or
//! are identical, applies an adopted set with tracked changes, and compares
//! any two wordings word by word.
//!
//! The crate is a pure Rust core: no browser or wasm types outside
//! [`wasm`](crate) (built only for `wasm32`). The `amend` command-line tool
//! and the browser app are thin layers over it.
//!
//! ```
//! use amend::{Case, doc::SourceFormat};
//! let mut case = Case::new("Plan", "# Plan\n\n## Lokaler\n\nVi ska ha färre lokaler.\n");
//! case.members.push(amend::case::Member { id: "ee".into(), name: "Eva Ek".into(), party: "C".into(), substitute: false });
//! case.amendments.push(amend::Amendment {
//!     id: "c1".into(), proposer: "ee".into(), kind: amend::AmendmentKind::Change, ordinal: None,
//!     wording: "”färre” ändras till ”bättre”".into(),
//!     ops: vec![amend::Op::replace("färre", "bättre")], supporters: vec![], withdrawn: false, conditional: false, from_wording: false, motivation: None, note: None,
//! });
//! let (_, applied) = case.apply(&["c1".to_string()], &[]).unwrap();
//! assert_eq!(applied.text, "# Plan\n\n## Lokaler\n\nVi ska ha bättre lokaler.\n");
//! ```
//!
//! The folders, in the order the data flows (each depends only on those
//! before it):
//!
//! - [`text`] and [`error`]: normalising text for matching; the errors;
//! - [`plan`]: the plan model ([`doc`]) and one reader per format;
//! - [`diff`]: word-level comparison with a semantic clean-up;
//! - [`amend`]: amendments, locating their quotes, conflicts, applying them;
//! - [`case`]: the case file that holds the plan, the members, the
//!   amendments and the recorded procedure, and [`fields`]: which of its
//!   fields amend knows, and keeping those it does not;
//! - [`vote`]: the procedure, the minutes and their wording;
//! - [`render`], [`compare`] and [`export`]: tracked changes and side-by-side
//!   columns for the app, and the files offered for download.
//!
//! (`case` and `vote` read each other's types: the case keeps the recorded
//! procedure, and the procedure is worked out over the case.)

// Errors carry the passage, its places and the closest match by design; they
// are built only on the failure path, so their size costs nothing in the
// common case.
#![allow(clippy::result_large_err)]

pub mod amend;
pub mod case;
pub mod check;
pub mod compare;
pub mod diff;
pub mod drafts;
pub mod error;
pub mod export;
pub mod fields;
pub mod plan;
pub mod render;
pub mod sort;
pub mod text;
pub mod vote;

// Each module also at the crate's top, as every part uses them.
pub use amend::{amendment, apply, conflict, locate, selection};
pub use plan::doc;
pub use vote::{minutes, procedure, wording};

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use amendment::{Action, Amendment, AmendmentKind, InsertAs, Op, Position};
pub use apply::{Applied, Run};
pub use case::Case;
pub use error::Error;
