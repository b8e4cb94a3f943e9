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
//!     ops: vec![amend::Op::replace("färre", "bättre")], supporters: vec![], withdrawn: false,
//! });
//! let (_, applied) = case.apply(&["c1".to_string()], &[]).unwrap();
//! assert_eq!(applied.text, "# Plan\n\n## Lokaler\n\nVi ska ha bättre lokaler.\n");
//! ```
//!
//! Modules, in the order the data flows: [`text`] (normalising for matching),
//! [`doc`] (parsing the plan), [`amendment`] (what is proposed), [`locate`]
//! (finding quoted passages), [`conflict`], [`apply`] (tracked changes),
//! [`diff`] (word-level comparison), [`render`] (output formats), [`case`]
//! (the case file), [`procedure`] (the vote) and [`error`].

// Errors carry the passage, its places and the closest match by design; they
// are built only on the failure path, so their size costs nothing in the
// common case.
#![allow(clippy::result_large_err)]

pub mod amendment;
pub mod apply;
pub mod case;
pub mod compare;
pub mod conflict;
pub mod diff;
pub mod error;
pub mod export;
pub mod locate;
pub mod minutes;
pub mod plan;

/// The plan model, at the crate's top as every part uses it (see [`plan::doc`]).
pub use plan::doc;
pub mod procedure;
pub mod render;
pub mod selection;
pub mod text;
pub mod wording;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use amendment::{Action, Amendment, AmendmentKind, InsertAs, Op, Position};
pub use apply::{Applied, Run};
pub use case::Case;
pub use error::Error;
